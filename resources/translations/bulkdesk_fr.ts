<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>The email or the password is wrong.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>An account with this email already exists.</source>
        <translation>Un compte existe déjà avec cette adresse e-mail.</translation>
    </message>
    <message>
        <source>Use at least 10 characters.</source>
        <translation>Utilisez au moins 10 caractères.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <source>Too long.</source>
        <translation>Trop long.</translation>
    </message>
    <message>
        <source>Too short.</source>
        <translation>Trop court.</translation>
    </message>
    <message>
        <source>Cannot reach the marketplace. Check the connection and try again.</source>
        <translation>Impossible de joindre la place de marché. Vérifiez la connexion et réessayez.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed attempts. Wait %n minute(s) and try again.</source>
        <translation><numerusform>Trop de tentatives échouées. Patientez %n minute, puis réessayez.</numerusform><numerusform>Trop de tentatives échouées. Patientez %n minutes, puis réessayez.</numerusform></translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes and try again.</source>
        <translation>Trop de tentatives échouées. Patientez quelques minutes, puis réessayez.</translation>
    </message>
    <message>
        <source>The request was not accepted.</source>
        <translation>La demande n’a pas été acceptée.</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Search offers, SKUs, sellers…</source>
        <extracomment>the tabs, in order: (collection filter, label) — labels are translated in CatalogPage._tab_labels a short confirmation for the status bar ("Added … to the cart.") "Contact the seller" while signed out the offer table was filled again (tests wait on it)</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sort by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Minimum unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Maximum unit price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In stock only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Relevance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price: low to high</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price: high to low</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Newest</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weekly opportunities</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Surplus stock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Promotions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All countries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All sellers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n offer(s)</source>
        <translation type="unfinished">
            <numerusform />
            <numerusform />
        </translation>
    </message>
    <message>
        <source>Downloading the catalog…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The offers appear here as soon as the first pages are in. You can keep working meanwhile.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Connect to the marketplace to download the catalog. It then stays available offline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No results for “%1”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check the spelling, use fewer words, or clear the filters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No offers match these filters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose another category or tab, or clear the filters.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CategoryTreeModel</name>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <source>%1: %2 offers</source>
        <translation>%1 : %2 offres</translation>
    </message>
</context>
<context>
    <name>ContactSellerDialog</name>
    <message>
        <source>Contact the seller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your question to %1 about “%2”:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Availability, delivery, documents…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your question was sent to %1. Their answer will appear under Questions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Question sent to %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The question was not sent.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CreateAccountDialog</name>
    <message>
        <source>Create account</source>
        <translation>Créer un compte</translation>
    </message>
    <message>
        <source>Create a company account</source>
        <translation>Créer un compte entreprise</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nom@entreprise.fr</translation>
    </message>
    <message>
        <source>At least 10 characters</source>
        <translation>Au moins 10 caractères</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <source>Buyer — order surplus lots</source>
        <translation>Acheteur — commander des lots de surplus</translation>
    </message>
    <message>
        <source>Seller — list surplus stock</source>
        <translation>Vendeur — proposer des surplus de stock</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>N° de TVA</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Type de compte</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>Création du compte…</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Bulkdesk — Error</source>
        <translation>Bulkdesk — Erreur</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Afficher les détails</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message numerus="yes">
        <source>%n more error(s) occurred meanwhile.</source>
        <translation><numerusform>%n autre erreur s’est produite entre-temps.</numerusform><numerusform>%n autres erreurs se sont produites entre-temps.</numerusform></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Masquer les détails</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller à</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Create account…</source>
        <translation>Créer un compte…</translation>
    </message>
    <message>
        <source>Continue as guest</source>
        <translation>Continuer en tant qu’invité</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>%1 (checking…)</source>
        <translation>%1 (vérification…)</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Browsing as a guest</source>
        <translation>Navigation en tant qu’invité</translation>
    </message>
</context>
<context>
    <name>OfferDetail</name>
    <message>
        <source>Packaging</source>
        <extracomment>the user clicked "Sold by &lt;seller&gt;" a line went into the cart: a confirmation for the status bar a question was sent to the seller: a confirmation for the status bar "Contact the seller" while signed out</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Line total</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add to cart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contact the seller…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This offer is no longer on the marketplace.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select an offer to see its details.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SKU %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>per unit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Promotion −%1 % until %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Promotion −%1 %</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sold by %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ships from %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOQ %1 units</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 units in stock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Épuisé</translation>
    </message>
    <message>
        <source>Minimum order %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (%2 units)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sign in to contact the seller</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 units</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Below the minimum order of %1 units.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Out of stock.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only %1 units in stock.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Added %1 × %2 of “%3” to the cart.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OfferTableModel</name>
    <message>
        <source>Price per unit in %1, any promotion applied</source>
        <extracomment>sensible default widths in pixels (the title column stretches)</extracomment>
        <translation>Prix unitaire en %1, promotion éventuelle comprise</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Ships from</source>
        <translation>Expédié depuis</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>MOQ</source>
        <translation>Qté min.</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Épuisé</translation>
    </message>
    <message>
        <source>−%1 %</source>
        <translation>−%1 %</translation>
    </message>
    <message>
        <source>Warehouse in %1</source>
        <translation>Entrepôt : %1</translation>
    </message>
    <message>
        <source>Minimum order: %1 units</source>
        <translation>Commande minimale : %1 unités</translation>
    </message>
    <message>
        <source>Before the promotion: %1</source>
        <translation>Avant la promotion : %1</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Offline — no catalog downloaded yet</source>
        <translation>Hors ligne — aucun catalogue téléchargé pour l’instant</translation>
    </message>
    <message>
        <source>Offline — catalog as of %1</source>
        <translation>Hors ligne — catalogue au %1</translation>
    </message>
    <message>
        <source>Retrying…</source>
        <translation>Nouvelle tentative…</translation>
    </message>
</context>
<context>
    <name>SellerProfileDialog</name>
    <message>
        <source>Seller</source>
        <extracomment>the profile (and, if needed, the offers) came back from the API</extracomment>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>(%1 reviews)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 reviews</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Member since %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offers (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No offers of this seller in the downloaded catalog.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Offers (%1, from the marketplace)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Place de marché</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Language and server changes apply after Bulkdesk restarts.</source>
        <translation>Les changements de langue et de serveur s’appliquent au prochain démarrage de Bulkdesk.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <source>Sync and offline catalog</source>
        <translation>Synchronisation et catalogue hors ligne</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Synchroniser toutes les</translation>
    </message>
    <message>
        <source>Cache limit</source>
        <translation>Taille max. du cache</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Utilisé</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>Clearing…</source>
        <translation>Vidage…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Se connecter à %1</translation>
    </message>
    <message>
        <source>name@company.com</source>
        <translation>nom@entreprise.fr</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Create account…</source>
        <translation>Créer un compte…</translation>
    </message>
    <message>
        <source>Continue as guest</source>
        <translation>Continuer en tant qu’invité</translation>
    </message>
    <message>
        <source>Enter your email.</source>
        <translation>Saisissez votre adresse e-mail.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop the sync</source>
        <translation>Arrêter la synchronisation</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Dernière synchro : %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Sync catalog now</source>
        <extracomment>a corrupt cache was rebuilt (told once)</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Downloading the catalog…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Syncing the catalog…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sync cancelled; it resumes from here next time.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The offline catalog on this computer was damaged and has been reset. Bulkdesk is downloading it again; your cart is not affected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline catalog reset</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>No offers yet</source>
        <translation>Aucune offre pour l’instant</translation>
    </message>
    <message>
        <source>The catalog appears here after the first sync with the marketplace.</source>
        <translation>Le catalogue s’affiche ici après la première synchronisation avec la place de marché.</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>Votre panier est vide</translation>
    </message>
    <message>
        <source>Add lots from the catalog; the cart is kept on this computer.</source>
        <translation>Ajoutez des lots depuis le catalogue ; le panier est conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>No orders yet</source>
        <translation>Aucune commande pour l’instant</translation>
    </message>
    <message>
        <source>Orders you place appear here with their payment and shipping status.</source>
        <translation>Vos commandes s’affichent ici avec leur état de paiement et de livraison.</translation>
    </message>
    <message>
        <source>Your listings</source>
        <translation>Vos annonces</translation>
    </message>
    <message>
        <source>Manage your offers, stock and incoming orders here.</source>
        <translation>Gérez ici vos offres, vos stocks et les commandes reçues.</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Your session has expired. Sign in again to continue where you were.</source>
        <translation>Votre session a expiré. Reconnectez-vous pour reprendre là où vous en étiez.</translation>
    </message>
    <message>
        <source>Starting the demo marketplace…</source>
        <translation>Démarrage de la place de marché de démonstration…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The marketplace had a problem</source>
        <translation>La place de marché a rencontré un problème</translation>
    </message>
    <message>
        <source>The server could not complete the request. Try again in a moment.</source>
        <translation>Le serveur n’a pas pu traiter la demande. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Action non autorisée</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>Votre compte n’est pas autorisé à effectuer cette action.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <source>This item no longer exists on the marketplace.</source>
        <translation>Cet élément n’existe plus sur la place de marché.</translation>
    </message>
    <message>
        <source>Could not be done</source>
        <translation>Action impossible</translation>
    </message>
    <message>
        <source>Something changed meanwhile. Refresh and try again.</source>
        <translation>Quelque chose a changé entre-temps. Actualisez, puis réessayez.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Trop de demandes</translation>
    </message>
    <message>
        <source>Wait a moment and try again.</source>
        <translation>Patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <source>The marketplace refused the request</source>
        <translation>La place de marché a refusé la demande</translation>
    </message>
    <message>
        <source>The request was not accepted.</source>
        <translation>La demande n’a pas été acceptée.</translation>
    </message>
    <message>
        <source>The marketplace is slow to answer</source>
        <translation>La place de marché tarde à répondre</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again in a moment.</source>
        <translation>Le serveur n’a pas répondu à temps. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Unexpected answer from the marketplace</source>
        <translation>Réponse inattendue de la place de marché</translation>
    </message>
    <message>
        <source>The server answered in a way this version of Bulkdesk does not understand.</source>
        <translation>Le serveur a répondu d’une manière que cette version de Bulkdesk ne comprend pas.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Une erreur s’est produite</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Copy the details and send them to your support contact.</source>
        <translation>Une erreur inattendue s’est produite. Copiez les détails et envoyez-les à votre contact d’assistance.</translation>
    </message>
</context>
</TS>