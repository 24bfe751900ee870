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
        <translation>
            <numerusform>Trop de tentatives échouées. Patientez %n minute, puis réessayez.</numerusform>
            <numerusform>Trop de tentatives échouées. Patientez %n minutes, puis réessayez.</numerusform>
        </translation>
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
    <name>BulkEditDialog</name>
    <message>
        <source>Bulk edit</source>
        <extracomment>(edits, group id): the seller applied the preview</extracomment>
        <translation>Modification groupée</translation>
    </message>
    <message>
        <source>Set stock to</source>
        <translation>Fixer le stock à</translation>
    </message>
    <message>
        <source>Adjust stock by ±</source>
        <translation>Ajuster le stock de ±</translation>
    </message>
    <message>
        <source>Set price to</source>
        <translation>Fixer le prix à</translation>
    </message>
    <message>
        <source>Change price by %</source>
        <translation>Changer le prix de %</translation>
    </message>
    <message>
        <source>Start a promotion (%)</source>
        <translation>Lancer une promotion (%)</translation>
    </message>
    <message>
        <source>End the promotion</source>
        <translation>Terminer la promotion</translation>
    </message>
    <message>
        <source>Add to collection</source>
        <translation>Ajouter à la collection</translation>
    </message>
    <message>
        <source>Remove from collection</source>
        <translation>Retirer de la collection</translation>
    </message>
    <message>
        <source>e.g. 40, -12, 9.90 or -10</source>
        <translation>p. ex. 40, -12, 9,90 ou -10</translation>
    </message>
    <message>
        <source>&amp;Operation</source>
        <translation>&amp;Opération</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message numerus="yes">
        <source>%Ln offer(s) selected</source>
        <translation>
            <numerusform>%Ln offre sélectionnée</numerusform>
            <numerusform>%Ln offres sélectionnées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln modification</numerusform>
            <numerusform>%Ln modifications</numerusform>
        </translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>%1 refused (left out)</source>
        <translation>%1 refusées (écartées)</translation>
    </message>
    <message>
        <source>Nothing would change.</source>
        <translation>Rien ne changerait.</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel order %1</source>
        <translation>Annuler la commande %1</translation>
    </message>
    <message>
        <source>You will be refunded %1.</source>
        <translation>Vous serez remboursé de %1.</translation>
    </message>
    <message>
        <source>Nothing has been paid for this order, so there is nothing to refund.</source>
        <translation>Rien n’a été payé pour cette commande : il n’y a rien à rembourser.</translation>
    </message>
    <message>
        <source>Cancel order %1 from %2?</source>
        <translation>Annuler la commande %1 passée chez %2 ?</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motif (facultatif)</translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation>&amp;Annuler la commande</translation>
    </message>
    <message>
        <source>&amp;Keep order</source>
        <translation>&amp;Garder la commande</translation>
    </message>
</context>
<context>
    <name>CardWait</name>
    <message>
        <source>Waiting for payment</source>
        <extracomment>how often the order group is polled while waiting for a card payment</extracomment>
        <translation>En attente du paiement</translation>
    </message>
    <message>
        <source>The payment page has opened in your browser. Pay there; this window follows the payment and goes on by itself.</source>
        <translation>La page de paiement s’est ouverte dans votre navigateur. Payez-y ; cette fenêtre suit le paiement et continue d’elle-même.</translation>
    </message>
    <message>
        <source>Order group %1</source>
        <translation>Groupe de commandes %1</translation>
    </message>
    <message>
        <source>Open the payment page again</source>
        <translation>Rouvrir la page de paiement</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>The payment did not go through</source>
        <translation>Le paiement n’a pas abouti</translation>
    </message>
    <message>
        <source>The card was declined or the payment failed. Nothing was charged. Try again with the same or another card.</source>
        <translation>La carte a été refusée ou le paiement a échoué. Rien n’a été débité. Réessayez avec la même carte ou une autre.</translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message>
        <source>Offer %1</source>
        <translation>Offre %1</translation>
    </message>
    <message>
        <source>Quantity (packagings)</source>
        <translation>Quantité (conditionnements)</translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation>Retirer cette ligne</translation>
    </message>
    <message>
        <source>Cart</source>
        <extracomment>the user asked to sign in / create an account (the shell opens its dialogs) &quot;View orders&quot; on the confirmation: the shell shows the Orders page a quote (server or local) was shown: tests wait on it a short message for the status bar</extracomment>
        <translation>Panier</translation>
    </message>
    <message>
        <source>&amp;Quick order…</source>
        <translation>Commande &amp;rapide…</translation>
    </message>
    <message>
        <source>Paste or import SKU and quantity rows</source>
        <translation>Coller ou importer des lignes référence et quantité</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Empty the cart</source>
        <translation>Vider le panier</translation>
    </message>
    <message>
        <source>An order was being submitted — check and finish it.</source>
        <translation>Une commande était en cours d’envoi — vérifiez-la et terminez-la.</translation>
    </message>
    <message>
        <source>Check and finish</source>
        <translation>Vérifier et terminer</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Your cart is empty</source>
        <translation>Votre panier est vide</translation>
    </message>
    <message>
        <source>Add lots from the catalog, or paste SKUs and quantities with Quick order. The cart is kept on this computer.</source>
        <translation>Ajoutez des lots depuis le catalogue, ou collez des références et quantités avec la commande rapide. Le panier est conservé sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Chec&amp;kout…</source>
        <translation>Comman&amp;der…</translation>
    </message>
    <message>
        <source>Remove every line from the cart?</source>
        <translation>Retirer toutes les lignes du panier ?</translation>
    </message>
    <message>
        <source>Pack of %1</source>
        <translation>Lot de %1</translation>
    </message>
    <message>
        <source>Out of stock.</source>
        <translation>En rupture de stock.</translation>
    </message>
    <message>
        <source>This offer is no longer available.</source>
        <translation>Cette offre n’est plus disponible.</translation>
    </message>
    <message>
        <source>This packaging is no longer offered.</source>
        <translation>Ce conditionnement n’est plus proposé.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Checking prices and stock…</source>
        <translation>Vérification des prix et du stock…</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Offline — stock as of %1</source>
        <translation>Hors ligne — stock au %1</translation>
    </message>
    <message>
        <source>Shipping is chosen at checkout. Prices and stock are checked again when you are online.</source>
        <translation>La livraison se choisit à la commande. Prix et stock sont vérifiés de nouveau une fois en ligne.</translation>
    </message>
    <message>
        <source>Prices and stock checked just now</source>
        <translation>Prix et stock vérifiés à l’instant</translation>
    </message>
    <message>
        <source>Excluding shipping, chosen per seller at checkout.</source>
        <translation>Hors livraison, choisie par vendeur à la commande.</translation>
    </message>
    <message>
        <source>Fix the issues above first.</source>
        <translation>Corrigez d’abord les problèmes ci-dessus.</translation>
    </message>
    <message>
        <source>No longer available</source>
        <translation>Plus disponible</translation>
    </message>
    <message>
        <source>%1 — ships from %2</source>
        <translation>%1 — expédié depuis %2</translation>
    </message>
    <message>
        <source>The price changed from %1 to %2 per unit.</source>
        <translation>Le prix est passé de %1 à %2 l’unité.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Packaging</source>
        <translation>Conditionnement</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Total ligne</translation>
    </message>
    <message>
        <source>Add %1 from this warehouse (minimum order %2)</source>
        <translation>Ajoutez %1 depuis cet entrepôt (minimum de commande %2)</translation>
    </message>
    <message>
        <source>Minimum order %1 reached</source>
        <translation>Minimum de commande %1 atteint</translation>
    </message>
    <message>
        <source>Subtotal %1</source>
        <translation>Sous-total %1</translation>
    </message>
    <message>
        <source>Export the cart</source>
        <translation>Exporter le panier</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cart exported to %1</source>
        <translation>Panier exporté vers %1</translation>
    </message>
    <message>
        <source>Discard the order being submitted</source>
        <translation>Abandonner la commande en cours d’envoi</translation>
    </message>
    <message>
        <source>If the order reached the marketplace, it exists anyway: check the Orders page. Discard the pending submission?</source>
        <translation>Si la commande est parvenue à la place de marché, elle existe quand même : consultez la page Commandes. Abandonner l’envoi en attente ?</translation>
    </message>
    <message>
        <source>E&amp;mpty the cart</source>
        <translation>&amp;Vider le panier</translation>
    </message>
</context>
<context>
    <name>CatalogFilterBar</name>
    <message>
        <source>Country</source>
        <extracomment>a filter changed: search again &quot;Clear filters&quot;: the page clears these and its own (search box, category, tab)</extracomment>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Minimum unit price</source>
        <translation>Prix unitaire minimum</translation>
    </message>
    <message>
        <source>Maximum unit price</source>
        <translation>Prix unitaire maximum</translation>
    </message>
    <message>
        <source>In stock o&amp;nly</source>
        <translation>En stock &amp;uniquement</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Effacer &amp;les filtres</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Tous les pays</translation>
    </message>
    <message>
        <source>All sellers</source>
        <translation>Tous les vendeurs</translation>
    </message>
    <message>
        <source>Unit price (%1)</source>
        <translation>Prix unitaire (%1)</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Search offers, SKUs, sellers…</source>
        <extracomment>a sync changing more offers than this repaints the whole table rather than looking each one up the tabs, in order: (collection filter, label) — labels are translated in CatalogPage._tab_labels a short confirmation for the status bar (&quot;Added … to the cart.&quot;) &quot;Contact the seller&quot; while signed out the offer table was filled again (tests wait on it)</extracomment>
        <translation>Rechercher des offres, références, vendeurs…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Trier par</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>Pertinence</translation>
    </message>
    <message>
        <source>Price: low to high</source>
        <translation>Prix croissant</translation>
    </message>
    <message>
        <source>Price: high to low</source>
        <translation>Prix décroissant</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Plus récentes</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Weekly opportunities</source>
        <translation>Opportunités de la semaine</translation>
    </message>
    <message>
        <source>Surplus stock</source>
        <translation>Surstocks</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>Promotions</translation>
    </message>
    <message numerus="yes">
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offre</numerusform>
            <numerusform>%Ln offres</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading the catalog…</source>
        <translation>Téléchargement du catalogue…</translation>
    </message>
    <message>
        <source>The offers appear here as soon as the first pages are in. You can keep working meanwhile.</source>
        <translation>Les offres s’affichent dès l’arrivée des premières pages. Vous pouvez continuer à travailler.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <source>Connect to the marketplace to download the catalog. It then stays available offline.</source>
        <translation>Connectez-vous à la place de marché pour télécharger le catalogue. Il restera ensuite disponible hors ligne.</translation>
    </message>
    <message>
        <source>No results for “%1”</source>
        <translation>Aucun résultat pour « %1 »</translation>
    </message>
    <message>
        <source>Check the spelling, use fewer words, or clear the filters.</source>
        <translation>Vérifiez l’orthographe, utilisez moins de mots ou effacez les filtres.</translation>
    </message>
    <message>
        <source>No offers match these filters</source>
        <translation>Aucune offre ne correspond à ces filtres</translation>
    </message>
    <message>
        <source>Choose another category or tab, or clear the filters.</source>
        <translation>Choisissez une autre catégorie ou un autre onglet, ou effacez les filtres.</translation>
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
    <name>CheckoutWizard</name>
    <message>
        <source>Checkout</source>
        <extracomment>the step shown changed (index; 5 = payment / confirmation): tests wait on it the order group exists (CheckoutResult) a submission ended without an order (the exception) the card payment was received</extracomment>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Company and delivery</source>
        <translation>Société et livraison</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Récapitulatif</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Suivant</translation>
    </message>
    <message>
        <source>Canc&amp;el</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Submit again</source>
        <translation>Envoyer de nouveau</translation>
    </message>
    <message>
        <source>&amp;Submit order</source>
        <translation>&amp;Passer la commande</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>An order was being submitted when Bulkdesk stopped. Check it and press “Submit again”: if the marketplace already has it, you get that order — it is never placed twice.</source>
        <translation>Une commande était en cours d’envoi quand Bulkdesk s’est arrêté. Vérifiez-la et cliquez sur « Envoyer de nouveau » : si la place de marché l’a déjà, vous obtenez cette commande — elle n’est jamais passée deux fois.</translation>
    </message>
    <message>
        <source>Submitting your order…</source>
        <translation>Envoi de votre commande…</translation>
    </message>
    <message>
        <source>Some items were bought by someone else meanwhile. Nothing was ordered and nothing was charged. The cart has been updated: adjust it and check out again.</source>
        <translation>Certains articles ont été achetés par quelqu’un d’autre entre-temps. Rien n’a été commandé ni débité. Le panier a été mis à jour : ajustez-le et commandez de nouveau.</translation>
    </message>
    <message>
        <source>Some prices changed since you reviewed the order. Nothing was ordered and nothing was charged. The cart shows the new prices: check them and check out again.</source>
        <translation>Certains prix ont changé depuis votre récapitulatif. Rien n’a été commandé ni débité. Le panier affiche les nouveaux prix : vérifiez-les et commandez de nouveau.</translation>
    </message>
    <message>
        <source>The cart has issues to fix before checkout. Nothing was ordered and nothing was charged.</source>
        <translation>Le panier comporte des problèmes à corriger avant de commander. Rien n’a été commandé ni débité.</translation>
    </message>
    <message>
        <source>Back to the cart</source>
        <translation>Retour au panier</translation>
    </message>
    <message>
        <source>The marketplace did not answer, so the order may or may not have been placed. Press “Submit again”: it will not be placed twice.</source>
        <translation>La place de marché n’a pas répondu : la commande a peut-être été passée, peut-être pas. Cliquez sur « Envoyer de nouveau » : elle ne sera pas passée deux fois.</translation>
    </message>
    <message>
        <source>Your session expired. Sign in again, then press “Submit again”.</source>
        <translation>Votre session a expiré. Reconnectez-vous, puis cliquez sur « Envoyer de nouveau ».</translation>
    </message>
    <message>
        <source>The order could not be submitted. You can try again: it will not be placed twice.</source>
        <translation>La commande n’a pas pu être envoyée. Vous pouvez réessayer : elle ne sera pas passée deux fois.</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Thank you — your order is placed</source>
        <translation>Merci — votre commande est passée</translation>
    </message>
    <message>
        <source>Order group %1</source>
        <translation>Groupe de commandes %1</translation>
    </message>
    <message>
        <source>Next: pay with the details above. Each seller prepares and ships their order once the payment has arrived; you can follow them on the Orders page.</source>
        <translation>Ensuite : payez avec les informations ci-dessus. Chaque vendeur prépare et expédie sa commande une fois le paiement reçu ; suivez-les dans la page Commandes.</translation>
    </message>
    <message>
        <source>Payment received.</source>
        <translation>Paiement reçu.</translation>
    </message>
    <message>
        <source>Next: each seller prepares and ships their order; follow them on the Orders page.</source>
        <translation>Ensuite : chaque vendeur prépare et expédie sa commande ; suivez-les dans la page Commandes.</translation>
    </message>
    <message>
        <source>Next: finish the card payment; follow the orders on the Orders page.</source>
        <translation>Ensuite : terminez le paiement par carte ; suivez les commandes dans la page Commandes.</translation>
    </message>
    <message>
        <source>The confirmation was sent to %1.</source>
        <translation>La confirmation a été envoyée à %1.</translation>
    </message>
    <message>
        <source>View orders</source>
        <translation>Voir les commandes</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Conflict: %1</source>
        <extracomment>{field: MINE | THEIRS | (&quot;edit&quot;, JSON value)}</extracomment>
        <translation>Conflit : %1</translation>
    </message>
    <message>
        <source>Offer %1 changed on the marketplace after you edited it. Choose, for each field, which value to keep.</source>
        <translation>L’offre %1 a changé sur la place de marché après votre modification. Choisissez, pour chaque champ, la valeur à garder.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Started from</source>
        <translation>Valeur de départ</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>La mienne</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Celle du serveur</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifiée le</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder la mienne</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Prendre celle du serveur</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Keep mine for all</source>
        <translation>Garder les miennes partout</translation>
    </message>
    <message>
        <source>Take theirs for all</source>
        <translation>Prendre celles du serveur partout</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <source>%1, your value:</source>
        <translation>%1, votre valeur :</translation>
    </message>
</context>
<context>
    <name>ContactSellerDialog</name>
    <message>
        <source>Your question to %1 about “%2”:</source>
        <translation>Votre question à %1 au sujet de « %2 » :</translation>
    </message>
    <message>
        <source>Availability, delivery, documents…</source>
        <translation>Disponibilité, livraison, documents…</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Envoyer</translation>
    </message>
    <message>
        <source>Contact the seller</source>
        <translation>Contacter le vendeur</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Your question was sent to %1. Their answer will appear under Questions.</source>
        <translation>Votre question a été envoyée à %1. Sa réponse apparaîtra dans Questions.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Question sent to %1.</source>
        <translation>Question envoyée à %1.</translation>
    </message>
    <message>
        <source>The question was not sent.</source>
        <translation>La question n’a pas été envoyée.</translation>
    </message>
    <message>
        <source>Contact %1</source>
        <translation>Contacter %1</translation>
    </message>
    <message>
        <source>About order %1: </source>
        <translation>Au sujet de la commande %1 : </translation>
    </message>
    <message>
        <source>About</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln unit(s)</source>
        <translation>
            <numerusform>%Ln unité</numerusform>
            <numerusform>%Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Below the minimum order of %Ln unit(s).</source>
        <translation>
            <numerusform>En dessous du minimum de commande de %Ln unité.</numerusform>
            <numerusform>En dessous du minimum de commande de %Ln unités.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %Ln unit(s) available.</source>
        <translation>
            <numerusform>Seulement %Ln unité disponible.</numerusform>
            <numerusform>Seulement %Ln unités disponibles.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>MOQ %Ln unit(s)</source>
        <translation>
            <numerusform>MOQ %Ln unité</numerusform>
            <numerusform>MOQ %Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unit(s) in stock</source>
        <translation>
            <numerusform>%Ln unité en stock</numerusform>
            <numerusform>%Ln unités en stock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %Ln unit(s) in stock.</source>
        <translation>
            <numerusform>Seulement %Ln unité en stock.</numerusform>
            <numerusform>Seulement %Ln unités en stock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Raise to %Ln unit(s)</source>
        <translation>
            <numerusform>Passer à %Ln unité</numerusform>
            <numerusform>Passer à %Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lower to %Ln unit(s)</source>
        <translation>
            <numerusform>Réduire à %Ln unité</numerusform>
            <numerusform>Réduire à %Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %Ln unit(s)</source>
        <translation>
            <numerusform>À partir de %Ln unité</numerusform>
            <numerusform>À partir de %Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Volume price from %Ln unit(s)</source>
        <translation>
            <numerusform>Prix dégressif dès %Ln unité</numerusform>
            <numerusform>Prix dégressif dès %Ln unités</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln more unit(s) to reach %1 per unit</source>
        <translation>
            <numerusform>Ajoutez encore %Ln unité pour obtenir %1 l’unité</numerusform>
            <numerusform>Ajoutez encore %Ln unités pour obtenir %1 l’unité</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln × %1 to reach %2 per unit</source>
        <translation>
            <numerusform>Ajoutez %Ln × %1 pour obtenir %2 l’unité</numerusform>
            <numerusform>Ajoutez %Ln × %1 pour obtenir %2 l’unité</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 (%Ln unit(s))</source>
        <translation>
            <numerusform>%1 × %2 (%Ln unité)</numerusform>
            <numerusform>%1 × %2 (%Ln unités)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln line(s) added to the cart.</source>
        <translation>
            <numerusform>Ajouté au panier : %1 ligne sur %Ln.</numerusform>
            <numerusform>Ajouté au panier : %1 sur %Ln lignes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <source>Bulkdesk closed unexpectedly</source>
        <translation>Bulkdesk s’est fermé de manière inattendue</translation>
    </message>
    <message>
        <source>The last time it ran, Bulkdesk stopped because of an internal error. Your cart and the offline catalog are kept. Sending the report below to your support contact helps fix it.</source>
        <translation>La dernière fois, Bulkdesk s’est arrêté à cause d’une erreur interne. Votre panier et le catalogue hors ligne sont conservés. Envoyer le rapport ci-dessous à votre contact d’assistance aide à corriger ce problème.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
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
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Créer un compte</translation>
    </message>
</context>
<context>
    <name>DetailsStep</name>
    <message>
        <source>Company (invoice)</source>
        <translation>Société (facturation)</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Raison sociale</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Numéro de TVA</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>Adresse de livraison</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country (ISO code)</source>
        <translation>Pays (code ISO)</translation>
    </message>
    <message>
        <source>Phone (optional)</source>
        <translation>Téléphone (facultatif)</translation>
    </message>
    <message>
        <source>Fill in the fields marked in red.</source>
        <translation>Remplissez les champs marqués en rouge.</translation>
    </message>
    <message>
        <source>The country is a two-letter code such as PT, FR or DE.</source>
        <translation>Le pays est un code à deux lettres comme PT, FR ou DE.</translation>
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
        <translation>
            <numerusform>%n autre erreur s’est produite entre-temps.</numerusform>
            <numerusform>%n autres erreurs se sont produites entre-temps.</numerusform>
        </translation>
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
    <name>FolderWatcher</name>
    <message>
        <source>Import folder</source>
        <extracomment>(path, ImportCheck) once a file&apos;s dry run is back, before the seller&apos;s answer (path moved to processed/ or failed/, ImportCheck) (title, message): the notification</extracomment>
        <translation>Dossier d’import</translation>
    </message>
    <message>
        <source>%1 cannot be read; moved to %2.</source>
        <translation>%1 est illisible ; déplacé dans %2.</translation>
    </message>
    <message>
        <source>Import folder: %1</source>
        <translation>Dossier d’import : %1</translation>
    </message>
</context>
<context>
    <name>FulfilmentModel</name>
    <message>
        <source>%1 — sending…</source>
        <translation>%1 — envoi…</translation>
    </message>
    <message>
        <source>%1 — pending</source>
        <translation>%1 — en attente</translation>
    </message>
    <message>
        <source>%1, refused by the marketplace</source>
        <translation>%1, refusé par la place de marché</translation>
    </message>
    <message>
        <source>Waiting to be sent to the marketplace (see Pending changes).</source>
        <translation>En attente d’envoi à la place de marché (voir Modifications en attente).</translation>
    </message>
    <message>
        <source>Refused by the marketplace: %1</source>
        <translation>Refusé par la place de marché : %1</translation>
    </message>
</context>
<context>
    <name>FulfilmentPage</name>
    <message>
        <source>All orders</source>
        <extracomment>preset → the cache query&apos;s status filters (payment, shipping)</extracomment>
        <translation>Toutes les commandes</translation>
    </message>
    <message>
        <source>To prepare</source>
        <translation>À préparer</translation>
    </message>
    <message>
        <source>To ship</source>
        <translation>À expédier</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>En transit</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrées</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulées</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Toutes dates</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Search: reference, SKU, title…</source>
        <translation>Rechercher : référence, SKU, titre…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Mark &amp;preparing</source>
        <translation>Marquer en &amp;préparation</translation>
    </message>
    <message>
        <source>Mark &amp;shipped…</source>
        <translation>Marquer e&amp;xpédiée…</translation>
    </message>
    <message>
        <source>Mark &amp;delivered</source>
        <translation>Marquer &amp;livrée</translation>
    </message>
    <message>
        <source>&amp;Cancel order…</source>
        <translation>A&amp;nnuler la commande…</translation>
    </message>
    <message>
        <source>Upload &amp;tracking CSV…</source>
        <translation>&amp;Suivi par CSV…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Offline — orders as of %1</source>
        <translation>Hors ligne — commandes au %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>Commandes : %1</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Sélection : %1</translation>
    </message>
    <message>
        <source>Select orders to update</source>
        <translation>Sélectionnez les commandes à mettre à jour</translation>
    </message>
    <message>
        <source>Sending… (%1)</source>
        <extracomment>the orders of the last send, selected again when their answers are back</extracomment>
        <translation>Envoi… (%1)</translation>
    </message>
    <message>
        <source>Offline — queued: %1. Sent once online.</source>
        <translation>Hors ligne — en file d’attente : %1. Envoi dès le retour en ligne.</translation>
    </message>
    <message>
        <source>Order %1 cancelled.</source>
        <translation>Commande %1 annulée.</translation>
    </message>
    <message>
        <source>Orders updated: %1.</source>
        <translation>Commandes mises à jour : %1.</translation>
    </message>
    <message>
        <source>%1 not changed: %2</source>
        <translation>%1 inchangée : %2</translation>
    </message>
</context>
<context>
    <name>ImportChangesModel</name>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Drop a CSV file of offers here, or</source>
        <extracomment>the last check or import ended (the ImportCheck)</extracomment>
        <translation>Déposez ici un fichier CSV d’offres, ou</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>C&amp;hoisir un fichier…</translation>
    </message>
    <message>
        <source>&amp;Update existing SKUs only (never create an offer)</source>
        <translation>&amp;Mettre à jour les références existantes seulement (ne jamais créer d’offre)</translation>
    </message>
    <message>
        <source>Choose a file: the server checks every row first, and nothing is written before you click Import.</source>
        <translation>Choisissez un fichier : le serveur vérifie d’abord chaque ligne, et rien n’est écrit avant que vous cliquiez sur Importer.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>The report shows here, a row per problem found in the file.</source>
        <translation>Le rapport s’affiche ici, une ligne par problème trouvé dans le fichier.</translation>
    </message>
    <message>
        <source>Chec&amp;k again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>&amp;Export all…</source>
        <translation>&amp;Tout exporter…</translation>
    </message>
    <message>
        <source>Export &amp;selection…</source>
        <translation>Exporter la &amp;sélection…</translation>
    </message>
    <message>
        <source>%1 is imported.</source>
        <translation>%1 est importé.</translation>
    </message>
    <message>
        <source>No problem found in %1: every row can be imported.</source>
        <translation>Aucun problème dans %1 : toutes les lignes peuvent être importées.</translation>
    </message>
    <message>
        <source>Import offers from CSV</source>
        <translation>Importer des offres depuis un CSV</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>Impossible d’ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>The server refused the file: %1</source>
        <translation>Le serveur a refusé le fichier : %1</translation>
    </message>
    <message>
        <source>The file could not be checked; try again.</source>
        <translation>Le fichier n’a pas pu être vérifié ; réessayez.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Import de %1…</translation>
    </message>
    <message>
        <source>The file changed since its check: it is checked again.</source>
        <translation>Le fichier a changé depuis sa vérification : il est vérifié à nouveau.</translation>
    </message>
    <message>
        <source>Select offers in My listings first.</source>
        <translation>Sélectionnez d’abord des offres dans Mes offres.</translation>
    </message>
    <message>
        <source>Export offers to CSV</source>
        <translation>Exporter les offres en CSV</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message numerus="yes">
        <source>%n offer(s) exported to %1.</source>
        <translation>
            <numerusform>%n offre exportée dans %1.</numerusform>
            <numerusform>%n offres exportées dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offers edited on the server since the export:</source>
        <translation>Offres modifiées sur le serveur depuis l’export :</translation>
    </message>
    <message>
        <source>Ski&amp;p them (keep the server&apos;s values)</source>
        <translation>Les i&amp;gnorer (garder les valeurs du serveur)</translation>
    </message>
    <message>
        <source>&amp;Overwrite them with the file&apos;s values</source>
        <translation>Les éc&amp;raser avec les valeurs du fichier</translation>
    </message>
    <message>
        <source>Offers were edited on the server since the check: it is checked again.</source>
        <translation>Des offres ont été modifiées sur le serveur depuis la vérification : le fichier est vérifié à nouveau.</translation>
    </message>
</context>
<context>
    <name>Instructions</name>
    <message>
        <source>Pay by bank transfer</source>
        <translation>Payer par virement</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>Beneficiary</source>
        <translation>Bénéficiaire</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Use the reference exactly as shown so the payment is matched to your order. The sellers prepare the orders once the transfer has arrived.</source>
        <translation>Indiquez la référence telle quelle pour que le paiement soit rapproché de votre commande. Les vendeurs préparent les commandes une fois le virement reçu.</translation>
    </message>
    <message>
        <source>Pay with Multibanco</source>
        <translation>Payer par Multibanco</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entité</translation>
    </message>
    <message>
        <source>Pay before</source>
        <translation>Payer avant le</translation>
    </message>
    <message>
        <source>Pay at any Multibanco ATM or in your bank&apos;s app with the entity and reference.</source>
        <translation>Payez à un distributeur Multibanco ou dans l’application de votre banque avec l’entité et la référence.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copier %1</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Order group %1</source>
        <translation>Achat groupé %1</translation>
    </message>
    <message>
        <source>Save the payment instructions</source>
        <translation>Enregistrer les instructions de paiement</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>KeptElsewhereBar</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Discard them…</source>
        <translation>Les abandonner…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) for another marketplace (%1) kept: sent when Bulkdesk is connected to it again.</source>
        <translation>
            <numerusform>%n modification pour une autre place de marché (%1) conservée : envoyée quand Bulkdesk y sera de nouveau connecté.</numerusform>
            <numerusform>%n modifications pour une autre place de marché (%1) conservées : envoyées quand Bulkdesk y sera de nouveau connecté.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Abandonner des modifications</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n change(s) never sent to %1? This cannot be undone.</source>
        <translation>
            <numerusform>Abandonner %n modification jamais envoyée à %1 ? C’est définitif.</numerusform>
            <numerusform>Abandonner %n modifications jamais envoyées à %1 ? C’est définitif.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
</context>
<context>
    <name>ListingsPage</name>
    <message>
        <source>%1 · %2: %3 — refused by the marketplace; fix the cell or see Pending changes.</source>
        <translation>%1 · %2 : %3 — refusé par la place de marché ; corrigez la cellule ou voyez Modifications en attente.</translation>
    </message>
    <message>
        <source>Search SKU or title</source>
        <extracomment>the Title column&apos;s width at first (px): the seller widens or narrows it the fields a pasted block can write (and the SKU that matches its rows), as the table orders them the seller asked to open the conflicts (entry ids)</extracomment>
        <translation>Rechercher réf. ou titre</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Toutes les catégories</translation>
    </message>
    <message>
        <source>All collections</source>
        <translation>Toutes les collections</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Opportunités de la semaine</translation>
    </message>
    <message>
        <source>Surplus</source>
        <translation>Surstocks</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <source>Any stock</source>
        <translation>Tout stock</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>En stock</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>En rupture</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Stock bas</translation>
    </message>
    <message>
        <source>Promotion or not</source>
        <translation>Promotion ou non</translation>
    </message>
    <message>
        <source>On promotion</source>
        <translation>En promotion</translation>
    </message>
    <message>
        <source>Not on promotion</source>
        <translation>Hors promotion</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Collection</source>
        <translation>Collection</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Low at ≤ </source>
        <translation>Seuil bas ≤ </translation>
    </message>
    <message>
        <source>Low stock: never</source>
        <translation>Stock bas : jamais</translation>
    </message>
    <message>
        <source>Default low-stock threshold</source>
        <translation>Seuil de stock bas par défaut</translation>
    </message>
    <message>
        <source>Default low-stock threshold (an offer&apos;s own is set in its “Low at” cell)</source>
        <translation>Seuil de stock bas par défaut (celui d’une offre se règle dans sa cellule « Seuil bas »)</translation>
    </message>
    <message>
        <source>&amp;New offer…</source>
        <translation>&amp;Nouvelle offre…</translation>
    </message>
    <message>
        <source>&amp;Bulk edit…</source>
        <translation>&amp;Modification groupée…</translation>
    </message>
    <message>
        <source>&amp;Volume prices…</source>
        <translation>Prix &amp;dégressifs…</translation>
    </message>
    <message>
        <source>Paste from spreadsheet</source>
        <translation>Coller depuis un tableur</translation>
    </message>
    <message>
        <source>&amp;Undo last bulk edit</source>
        <translation>Ann&amp;uler la dernière modification groupée</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message numerus="yes">
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offre</numerusform>
            <numerusform>%Ln offres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln offer(s) from the marketplace?</source>
        <translation>
            <numerusform>Retirer %Ln offre de la place de marché ?</numerusform>
            <numerusform>Retirer %Ln offres de la place de marché ?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 low on stock</source>
        <translation>%1 en stock bas</translation>
    </message>
    <message>
        <source>Could not refresh the listings: %1</source>
        <translation>Impossible d’actualiser les annonces : %1</translation>
    </message>
    <message>
        <source>Select the offers to edit first.</source>
        <translation>Sélectionnez d’abord les offres à modifier.</translation>
    </message>
    <message>
        <source>Select the offer first.</source>
        <translation>Sélectionnez d’abord l’offre.</translation>
    </message>
    <message>
        <source>The last bulk edit is being undone.</source>
        <translation>La dernière modification groupée est en cours d’annulation.</translation>
    </message>
    <message>
        <source>Delete offers</source>
        <translation>Supprimer des offres</translation>
    </message>
    <message>
        <source>&amp;Paste from spreadsheet</source>
        <translation>C&amp;oller depuis un tableur</translation>
    </message>
</context>
<context>
    <name>ListingsTableModel</name>
    <message>
        <source>Low stock: at or below %1</source>
        <translation>Stock bas : %1 ou moins</translation>
    </message>
    <message>
        <source>%1, low stock</source>
        <translation>%1, stock bas</translation>
    </message>
    <message>
        <source>Deleting</source>
        <translation>Suppression en cours</translation>
    </message>
    <message>
        <source>%1 (still %2: nothing was changed)</source>
        <extracomment>the glyph a low stock shows before its number (not the colour alone: WCAG 1.4.1) a valid edit of one cell: (offer id, field, JSON value); the page queues it in the outbox a refused cell edit: (offer id, field, message) a stock adjustment typed as a delta (&quot;+40 received&quot;, &quot;−12 damaged&quot;): (offer id, delta, note) what the seller typed into a cell the rules refused: shown (in red, explained) until fixed</extracomment>
        <translation>%1 (toujours %2 : rien n’a été modifié)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
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
        <source>&amp;Sign in…</source>
        <translation>Se &amp;connecter…</translation>
    </message>
    <message>
        <source>&amp;Create account…</source>
        <translation>C&amp;réer un compte…</translation>
    </message>
    <message>
        <source>Continue as &amp;guest</source>
        <translation>Continuer en tant qu’&amp;invité</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
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
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Aller à</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>Aller à : %1</translation>
    </message>
</context>
<context>
    <name>NewOfferDialog</name>
    <message>
        <source>New offer</source>
        <extracomment>the OfferCreate JSON, valid by the server&apos;s rules</extracomment>
        <translation>Nouvelle offre</translation>
    </message>
    <message>
        <source>unit:1</source>
        <extracomment>the fields whose message shows: left once, or all after a try to create</extracomment>
        <translation>unité:1</translation>
    </message>
    <message>
        <source>unit:1|carton:12|pallet:600</source>
        <translation>unité:1|carton:12|palette:600</translation>
    </message>
    <message>
        <source>Loading warehouses…</source>
        <translation>Chargement des entrepôts…</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Entrepôt</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <source>Warehouses unavailable offline</source>
        <translation>Entrepôts indisponibles hors ligne</translation>
    </message>
</context>
<context>
    <name>OfferDetail</name>
    <message>
        <source>Packaging</source>
        <extracomment>the user clicked &quot;Sold by &lt;seller&gt;&quot; a line went into the cart: a confirmation for the status bar a question was sent to the seller: a confirmation for the status bar &quot;Contact the seller&quot; while signed out a watch of the offer was added or removed: a confirmation for the status bar</extracomment>
        <translation>Conditionnement</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <source>Line total</source>
        <translation>Total de la ligne</translation>
    </message>
    <message>
        <source>A&amp;dd to cart</source>
        <translation>A&amp;jouter au panier</translation>
    </message>
    <message>
        <source>&amp;Contact the seller…</source>
        <translation>Co&amp;ntacter le vendeur…</translation>
    </message>
    <message>
        <source>This offer is no longer on the marketplace.</source>
        <translation>Cette offre n’est plus sur la place de marché.</translation>
    </message>
    <message>
        <source>Select an offer to see its details.</source>
        <translation>Sélectionnez une offre pour en voir le détail.</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>Réf. %1</translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation>Photo de %1</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>Pas de photo</translation>
    </message>
    <message>
        <source>per unit</source>
        <extracomment>an offer, a packaging, a seller as the API&apos;s JSON (the cache keeps it as sent): arbitrary JSON values</extracomment>
        <translation>l’unité</translation>
    </message>
    <message>
        <source>Promotion −%1 % until %2</source>
        <translation>Promotion −%1 % jusqu’au %2</translation>
    </message>
    <message>
        <source>Promotion −%1 %</source>
        <translation>Promotion −%1 %</translation>
    </message>
    <message>
        <source>Sold by %1</source>
        <translation>Vendu par %1</translation>
    </message>
    <message>
        <source>Ships from %1</source>
        <translation>Expédié depuis %1</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>Épuisé</translation>
    </message>
    <message>
        <source>Minimum order %1</source>
        <translation>Commande minimum %1</translation>
    </message>
    <message>
        <source>%1 (%2 units)</source>
        <translation>%1 (%2 unités)</translation>
    </message>
    <message>
        <source>Sign in to contact the seller</source>
        <translation>Connectez-vous pour contacter le vendeur</translation>
    </message>
    <message>
        <source>Out of stock.</source>
        <translation>Rupture de stock.</translation>
    </message>
    <message>
        <source>Added %1 × %2 of “%3” to the cart.</source>
        <translation>%1 × %2 de « %3 » ajouté au panier.</translation>
    </message>
    <message>
        <source>&amp;Packaging</source>
        <translation>C&amp;onditionnement</translation>
    </message>
    <message>
        <source>&amp;Quantity</source>
        <translation>&amp;Quantité</translation>
    </message>
</context>
<context>
    <name>OfferTableModel</name>
    <message>
        <source>Price per unit in %1, any promotion applied</source>
        <extracomment>True on the rows of a saved search&apos;s new matches (shown bold, on a tint) sensible default widths in pixels (the title column stretches)</extracomment>
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
        <translation>Origine</translation>
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
        <source>New match of the saved search</source>
        <translation>Nouvelle offre de la recherche enregistrée</translation>
    </message>
    <message>
        <source>Warehouse in %1</source>
        <translation>Entrepôt : %1</translation>
    </message>
    <message numerus="yes">
        <source>Minimum order: %Ln unit(s)</source>
        <translation>
            <numerusform>Commande minimale : %Ln unité</numerusform>
            <numerusform>Commande minimale : %Ln unités</numerusform>
        </translation>
    </message>
    <message>
        <source>Before the promotion: %1</source>
        <translation>Avant la promotion : %1</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>Réf. %1</translation>
    </message>
</context>
<context>
    <name>OfferWatches</name>
    <message>
        <source>Notify me when back in stock</source>
        <extracomment>a watch was added or removed: a confirmation for the status bar</extracomment>
        <translation>Me prévenir du retour en stock</translation>
    </message>
    <message>
        <source>No&amp;tify me</source>
        <translation>Me &amp;prévenir</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Notify me when the price drops below (%1):</source>
        <translation>Me prévenir quand le prix passe sous (%1) :</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the alert: %1</source>
        <translation>Retirer l’alerte : %1</translation>
    </message>
    <message>
        <source>You will be notified when it is back in stock.</source>
        <translation>Vous serez prévenu de son retour en stock.</translation>
    </message>
    <message>
        <source>You will be notified when the price drops below %1.</source>
        <translation>Vous serez prévenu quand le prix passera sous %1.</translation>
    </message>
    <message>
        <source>Type a price above zero, e.g. %1.</source>
        <translation>Saisissez un prix supérieur à zéro, par exemple %1.</translation>
    </message>
    <message>
        <source>Alert removed.</source>
        <translation>Alerte retirée.</translation>
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
    <name>OrderDetail</name>
    <message>
        <source>Ca&amp;ncel order…</source>
        <translation>Ann&amp;uler la commande…</translation>
    </message>
    <message>
        <source>Re&amp;view…</source>
        <translation>É&amp;valuer…</translation>
    </message>
    <message>
        <source>Re&amp;order</source>
        <translation>Co&amp;mmander à nouveau</translation>
    </message>
    <message>
        <source>Pay again</source>
        <translation>Payer à nouveau</translation>
    </message>
    <message>
        <source>Cop&amp;y reference</source>
        <translation>Copier la &amp;référence</translation>
    </message>
    <message>
        <source>&amp;Contact the seller…</source>
        <translation>Co&amp;ntacter le vendeur…</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>Lignes de la commande</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Select an order to see its details.</source>
        <translation>Sélectionnez une commande pour en voir le détail.</translation>
    </message>
    <message>
        <source>This order cannot be shown: its data is not valid.</source>
        <translation>Cette commande ne peut pas être affichée : ses données ne sont pas valides.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Placed %1 · checkout %2 · %3 · %4</source>
        <translation>Passée le %1 · achat %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Virement bancaire</translation>
    </message>
    <message>
        <source>Multibanco</source>
        <translation>Multibanco</translation>
    </message>
    <message>
        <source>Tracking: %1 %2</source>
        <translation>Suivi : %1 %2</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>Commande passée</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>Paiement reçu</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>Paiement refusé</translation>
    </message>
    <message>
        <source>Payment retried</source>
        <translation>Nouvel essai de paiement</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursée</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Évaluée</translation>
    </message>
    <message>
        <source>Payment by %1.</source>
        <translation>Paiement par %1.</translation>
    </message>
    <message>
        <source>Confirmed by %1.</source>
        <translation>Confirmé par %1.</translation>
    </message>
    <message>
        <source>The payment did not go through.</source>
        <translation>Le paiement n&apos;a pas abouti.</translation>
    </message>
    <message>
        <source>Cancelled by the buyer</source>
        <translation>Annulée par l&apos;acheteur</translation>
    </message>
    <message>
        <source>Cancelled by the seller</source>
        <translation>Annulée par le vendeur</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Paid after the cancellation, so refunded.</source>
        <translation>Payée après l&apos;annulation, donc remboursée.</translation>
    </message>
    <message>
        <source>Payment refunded.</source>
        <translation>Paiement remboursé.</translation>
    </message>
    <message>
        <source>%1 refunded.</source>
        <translation>%1 remboursés.</translation>
    </message>
    <message>
        <source>Rated %1/5.</source>
        <translation>Notée %1/5.</translation>
    </message>
    <message>
        <source>The buyer is trying the card payment again.</source>
        <translation>L&apos;acheteur réessaie le paiement par carte.</translation>
    </message>
    <message>
        <source>The seller is preparing the order.</source>
        <translation>Le vendeur prépare la commande.</translation>
    </message>
    <message>
        <source>Delivered to the delivery address.</source>
        <translation>Livrée à l&apos;adresse de livraison.</translation>
    </message>
    <message>
        <source>Only orders awaiting preparation, or shipped over 30 days ago and not delivered, can be cancelled.</source>
        <translation>Seules les commandes en attente de préparation, ou expédiées depuis plus de 30 jours et non livrées, peuvent être annulées.</translation>
    </message>
    <message>
        <source>Delivered orders can be reviewed once.</source>
        <translation>Une commande livrée peut être évaluée une fois.</translation>
    </message>
    <message>
        <source>Reference %1 copied.</source>
        <translation>Référence %1 copiée.</translation>
    </message>
    <message>
        <source>Order %1 is cancelled. You will be refunded %2.</source>
        <translation>La commande %1 est annulée. Vous serez remboursé de %2.</translation>
    </message>
    <message>
        <source>Order %1 is cancelled.</source>
        <translation>La commande %1 est annulée.</translation>
    </message>
    <message>
        <source>Thank you: your review of order %1 is published.</source>
        <translation>Merci : votre évaluation de la commande %1 est publiée.</translation>
    </message>
    <message>
        <source>Your message was sent to %1. The answer will appear in your questions.</source>
        <translation>Votre message a été envoyé à %1. La réponse apparaîtra dans vos questions.</translation>
    </message>
    <message>
        <source>The payment page opened in your browser. Come back here once paid.</source>
        <translation>La page de paiement s’est ouverte dans votre navigateur. Revenez ici une fois le paiement fait.</translation>
    </message>
    <message>
        <source>Availability could not be checked (offline).</source>
        <translation>La disponibilité n’a pas pu être vérifiée (hors ligne).</translation>
    </message>
</context>
<context>
    <name>OrderFilterBar</name>
    <message>
        <source>Search orders: reference, seller, SKU, title…</source>
        <extracomment>a filter (or the sort) changed: search again</extracomment>
        <translation>Rechercher : référence, vendeur, code article, titre…</translation>
    </message>
    <message>
        <source>&amp;Payment</source>
        <translation>&amp;Paiement</translation>
    </message>
    <message>
        <source>&amp;Shipping</source>
        <translation>&amp;Livraison</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>Toutes dates</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates choisies</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Payment: %1</source>
        <translation>Paiement : %1</translation>
    </message>
    <message>
        <source>Shipping: %1</source>
        <translation>Livraison : %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>Date : %1</translation>
    </message>
    <message>
        <source>Search: “%1”</source>
        <translation>Recherche : « %1 »</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <source>Clear this filter</source>
        <translation>Retirer ce filtre</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>Retirer tous les filtres</translation>
    </message>
</context>
<context>
    <name>OrderNotifier</name>
    <message>
        <source>Order %1</source>
        <translation>Commande %1</translation>
    </message>
    <message>
        <source>Shipping: %1 → %2</source>
        <translation>Livraison : %1 → %2</translation>
    </message>
    <message>
        <source>Payment: %1 → %2</source>
        <translation>Paiement : %1 → %2</translation>
    </message>
    <message>
        <source>Tracking number: %1</source>
        <translation>Numéro de suivi : %1</translation>
    </message>
</context>
<context>
    <name>OrderPanes</name>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Ships from</source>
        <translation>Origine</translation>
    </message>
</context>
<context>
    <name>OrderSummary</name>
    <message>
        <source>No order selected</source>
        <translation>Aucune commande sélectionnée</translation>
    </message>
    <message>
        <source>Select an order to see its lines and history; select several to update them together.</source>
        <translation>Sélectionnez une commande pour voir ses lignes et son historique ; sélectionnez-en plusieurs pour les mettre à jour ensemble.</translation>
    </message>
    <message>
        <source>Shipping: %1</source>
        <translation>Livraison : %1</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Shipping cost</source>
        <translation>Frais de livraison</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>&amp;Refresh</source>
        <extracomment>how often the page syncs while the app runs (ms)</extracomment>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Get the latest orders from the marketplace (F5)</source>
        <translation>Récupérer les dernières commandes de la place de marché (F5)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;xporter en CSV…</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Offline — no orders downloaded yet</source>
        <translation>Hors ligne — aucune commande téléchargée</translation>
    </message>
    <message>
        <source>Offline — orders as of %1</source>
        <translation>Hors ligne — commandes au %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln commande</numerusform>
            <numerusform>%Ln commandes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) exported to %1</source>
        <translation>
            <numerusform>%Ln commande exportée dans %1</numerusform>
            <numerusform>%Ln commandes exportées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 orders</source>
        <translation>%1 commandes sur %2</translation>
    </message>
    <message>
        <source>Export orders</source>
        <translation>Exporter les commandes</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <source>Pending</source>
        <extracomment>columns the user can sort by (in SQL), and the sort each gives</extracomment>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Remboursée</translation>
    </message>
    <message>
        <source>Awaiting preparation</source>
        <translation>À préparer</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Reference</source>
        <extracomment>the roles data() answers</extracomment>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Checkout %1</source>
        <translation>Achat %1</translation>
    </message>
</context>
<context>
    <name>PasteColumnsDialog</name>
    <message>
        <source>Which column is which?</source>
        <extracomment>the seller&apos;s answer: the field of each column (None: left out)</extracomment>
        <translation>Quelle colonne est quoi ?</translation>
    </message>
    <message>
        <source>The pasted cells have no header row the app knows. Choose what each column holds; nothing is changed before the next preview.</source>
        <translation>Les cellules collées n’ont pas de ligne d’en-tête connue de l’application. Choisissez ce que contient chaque colonne ; rien n’est modifié avant l’aperçu suivant.</translation>
    </message>
    <message>
        <source>Pasted cells</source>
        <translation>Cellules collées</translation>
    </message>
    <message>
        <source>— Leave out —</source>
        <translation>— Ignorer —</translation>
    </message>
    <message>
        <source>The first rows of %1 pasted.</source>
        <translation>Les premières lignes sur %1 collées.</translation>
    </message>
    <message>
        <source>Preview the changes</source>
        <translation>Voir les modifications</translation>
    </message>
    <message>
        <source>Choose the one column that holds the SKUs.</source>
        <translation>Choisissez la colonne qui contient les références (une seule).</translation>
    </message>
    <message>
        <source>Each field can come from one column only.</source>
        <translation>Chaque champ ne peut venir que d’une seule colonne.</translation>
    </message>
    <message>
        <source>Choose at least one column to change besides the SKU.</source>
        <translation>Choisissez au moins une colonne à modifier en plus de la référence.</translation>
    </message>
</context>
<context>
    <name>PaymentStep</name>
    <message>
        <source>&amp;Card</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <source>Bank &amp;transfer</source>
        <translation>&amp;Virement bancaire</translation>
    </message>
    <message>
        <source>&amp;Multibanco</source>
        <translation>&amp;Multibanco</translation>
    </message>
    <message>
        <source>You pay on the marketplace&apos;s secure page, opened in your browser.</source>
        <translation>Vous payez sur la page sécurisée de la place de marché, ouverte dans votre navigateur.</translation>
    </message>
    <message>
        <source>You receive the IBAN and a reference; the order ships once the transfer has arrived.</source>
        <translation>Vous recevez l’IBAN et une référence ; la commande est expédiée une fois le virement reçu.</translation>
    </message>
    <message>
        <source>You receive an entity and reference to pay at an ATM or in your bank&apos;s app (Portugal).</source>
        <translation>Vous recevez une entité et une référence à payer à un distributeur ou dans l’application de votre banque (Portugal).</translation>
    </message>
</context>
<context>
    <name>PendingChangesView</name>
    <message>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En attente depuis</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Offer / order</source>
        <translation>Offre / commande</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Server&apos;s message</source>
        <translation>Message du serveur</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>A&amp;bandonner</translation>
    </message>
    <message>
        <source>Resolve &amp;conflict…</source>
        <translation>Résoudre le co&amp;nflit…</translation>
    </message>
    <message>
        <source>Send &amp;now</source>
        <translation>Envoyer &amp;maintenant</translation>
    </message>
    <message>
        <source>Nothing pending: every change has reached the marketplace.</source>
        <translation>Rien en attente : toutes les modifications sont arrivées sur la place de marché.</translation>
    </message>
    <message>
        <source>%1 pending</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <source>%1 need your decision</source>
        <translation>%1 attendent votre décision</translation>
    </message>
    <message>
        <source>offline: they go out when the marketplace answers</source>
        <translation>hors ligne : elles partiront quand la place de marché répondra</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Réponse : %1</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>Question %1</translation>
    </message>
</context>
<context>
    <name>PriceTiersTable</name>
    <message>
        <source>Volume prices</source>
        <translation>Prix dégressifs</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Price per unit</source>
        <translation>Prix unitaire</translation>
    </message>
    <message numerus="yes">
        <source>Counting the %Ln unit(s) of this offer already in your cart.</source>
        <translation>
            <numerusform>En comptant l’unité de cette offre déjà dans votre panier.</numerusform>
            <numerusform>En comptant les %Ln unités de cette offre déjà dans votre panier.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionsModel</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Posée le</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Acheteur</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Offre</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondue</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>To answer</source>
        <translation>À traiter</translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Write your answer; the buyer reads it in Bulkdesk.</source>
        <translation>Écrivez votre réponse ; l&apos;acheteur la lit dans Bulkdesk.</translation>
    </message>
    <message>
        <source>&amp;Send answer</source>
        <translation>Envoyer la &amp;réponse</translation>
    </message>
    <message>
        <source>To answer: %1 · in all: %2</source>
        <translation>À traiter : %1 · en tout : %2</translation>
    </message>
    <message>
        <source>No question selected</source>
        <translation>Aucune question sélectionnée</translation>
    </message>
    <message>
        <source>Buyers&apos; questions about your offers appear here.</source>
        <translation>Les questions des acheteurs sur vos offres apparaissent ici.</translation>
    </message>
    <message>
        <source>About %1 · SKU %2</source>
        <translation>À propos de %1 · SKU %2</translation>
    </message>
    <message>
        <source>%1 asked on %2</source>
        <translation>Question de %1 le %2</translation>
    </message>
    <message>
        <source>A buyer</source>
        <translation>un acheteur</translation>
    </message>
    <message>
        <source>Your answer (%1): %2</source>
        <translation>Votre réponse (%1) : %2</translation>
    </message>
    <message>
        <source>Your answer, waiting to be sent: %1</source>
        <translation>Votre réponse, en attente d’envoi : %1</translation>
    </message>
    <message>
        <source>You are offline: the answer is kept and sent when the marketplace answers.</source>
        <translation>Vous êtes hors ligne : la réponse est conservée et envoyée dès que la place de marché répond.</translation>
    </message>
    <message>
        <source>Write an answer first.</source>
        <translation>Écrivez d&apos;abord une réponse.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Offline: the answer is kept and sent when the marketplace answers.</source>
        <translation>Hors ligne : la réponse est conservée et envoyée dès que la place de marché répond.</translation>
    </message>
    <message>
        <source>Answer sent.</source>
        <translation>Réponse envoyée.</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Non envoyée : %1</translation>
    </message>
</context>
<context>
    <name>QuickOrderDialog</name>
    <message>
        <source>Quick order</source>
        <extracomment>lines were added: (added, rejected rows)</extracomment>
        <translation>Commande rapide</translation>
    </message>
    <message>
        <source>One row per item: SKU, quantity (packagings) and optionally the packaging, separated by commas, semicolons or tabs. A header row is allowed.</source>
        <translation>Une ligne par article : référence, quantité (conditionnements) et éventuellement le conditionnement, séparés par des virgules, points-virgules ou tabulations. Une ligne d’en-tête est acceptée.</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>&amp;Importer un CSV…</translation>
    </message>
    <message>
        <source>&amp;Add to cart</source>
        <translation>&amp;Ajouter au panier</translation>
    </message>
    <message>
        <source>Import a CSV</source>
        <translation>Importer un CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Paste some rows first.</source>
        <translation>Collez d’abord quelques lignes.</translation>
    </message>
    <message>
        <source>Looking up %1 SKUs…</source>
        <translation>Recherche de %1 références…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln line(s) added to the cart.</source>
        <translation>
            <numerusform>%Ln ligne ajoutée au panier.</numerusform>
            <numerusform>%Ln lignes ajoutées au panier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) not added:</source>
        <translation>
            <numerusform>%Ln ligne non ajoutée :</numerusform>
            <numerusform>%Ln lignes non ajoutées :</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>Ligne %1 (%2) : %3</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>Review order %1</source>
        <translation>Évaluer la commande %1</translation>
    </message>
    <message>
        <source>Seller (%1)</source>
        <translation>Vendeur (%1)</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>What went well, what could be better?</source>
        <translation>Qu’est-ce qui s’est bien passé, que pourrait-on améliorer ?</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>&amp;Send review</source>
        <translation>&amp;Envoyer l’évaluation</translation>
    </message>
    <message>
        <source>Rate the seller and the delivery (1 to 5 stars).</source>
        <translation>Notez le vendeur et la livraison (1 à 5 étoiles).</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>Order summary</source>
        <translation>Récapitulatif de la commande</translation>
    </message>
    <message>
        <source>Shipping: %1</source>
        <translation>Livraison : %1</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>Marchandises</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>À payer</translation>
    </message>
    <message>
        <source>Invoice to</source>
        <translation>Facturer à</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Deliver to</source>
        <translation>Livrer à</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Guest order; the confirmation goes to %1.</source>
        <translation>Commande en invité ; la confirmation est envoyée à %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>not chosen</source>
        <translation>non choisie</translation>
    </message>
</context>
<context>
    <name>SavedSearchAlerts</name>
    <message>
        <source>Saved search “%1”</source>
        <extracomment>how long the status bar shows an alert (ms) (alert, title, message), once per notification an evaluation ended (its alerts, maybe none): the saved searches&apos; counts changed the notification of a search was clicked: open it (its id) the notification of a watch was clicked: show the offer (its id)</extracomment>
        <translation>Recherche enregistrée « %1 »</translation>
    </message>
    <message numerus="yes">
        <source>%Ln new matching offer(s)</source>
        <translation>
            <numerusform>%Ln nouvelle offre correspondante</numerusform>
            <numerusform>%Ln nouvelles offres correspondantes</numerusform>
        </translation>
    </message>
    <message>
        <source>Back in stock</source>
        <translation>De retour en stock</translation>
    </message>
    <message>
        <source>The price dropped below your limit</source>
        <translation>Le prix est passé sous votre limite</translation>
    </message>
</context>
<context>
    <name>SavedSearchesModel</name>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln nouveauté</numerusform>
            <numerusform>%Ln nouveautés</numerusform>
        </translation>
    </message>
    <message>
        <source>Alerts on</source>
        <translation>Alertes activées</translation>
    </message>
    <message>
        <source>Alerts off</source>
        <translation>Alertes désactivées</translation>
    </message>
</context>
<context>
    <name>SavedSearchesPane</name>
    <message>
        <source>Sa&amp;ve search…</source>
        <extracomment>a search was saved (its record) a search was opened on the page: (search id, the new matches marked) a short confirmation or problem for the status bar</extracomment>
        <translation>En&amp;registrer la recherche…</translation>
    </message>
    <message>
        <source>Keep this search and its filters, and be told of new matching offers after each sync</source>
        <translation>Garder cette recherche et ses filtres, et être prévenu des nouvelles offres correspondantes après chaque synchronisation</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <source>No saved searches yet. Search or filter the catalog, then “Save search…” to be told of new matching offers.</source>
        <translation>Aucune recherche enregistrée. Cherchez ou filtrez le catalogue, puis « Enregistrer la recherche… » pour être prévenu des nouvelles offres correspondantes.</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Name of the saved search:</source>
        <translation>Nom de la recherche enregistrée :</translation>
    </message>
    <message>
        <source>A saved search needs a name.</source>
        <translation>Une recherche enregistrée doit avoir un nom.</translation>
    </message>
    <message>
        <source>The name is too long (%1 characters at most).</source>
        <translation>Le nom est trop long (%1 caractères au plus).</translation>
    </message>
    <message>
        <source>A saved search is already called “%1”.</source>
        <translation>Une recherche enregistrée s’appelle déjà « %1 ».</translation>
    </message>
    <message>
        <source>A saved search is already called “%1”. Replace it with this search?</source>
        <translation>Une recherche enregistrée s’appelle déjà « %1 ». La remplacer par cette recherche ?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Remplacer</translation>
    </message>
    <message>
        <source>Search saved as “%1”.</source>
        <translation>Recherche enregistrée sous « %1 ».</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Renommer…</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Rename saved search</source>
        <translation>Renommer la recherche enregistrée</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Saved search “%1” deleted.</source>
        <translation>Recherche enregistrée « %1 » supprimée.</translation>
    </message>
</context>
<context>
    <name>SellerCancelDialog</name>
    <message>
        <source>Cancel order %1</source>
        <translation>Annuler la commande %1</translation>
    </message>
    <message>
        <source>The buyer will be refunded %1 (%2) by %3.</source>
        <translation>L&apos;acheteur sera remboursé de %1 (%2) par %3.</translation>
    </message>
    <message>
        <source>Nothing has been paid for this order: there is nothing to refund.</source>
        <translation>Rien n&apos;a été payé pour cette commande : il n&apos;y a rien à rembourser.</translation>
    </message>
    <message>
        <source>Cancel order %1? Its stock goes back on sale and the buyer is told.</source>
        <translation>Annuler la commande %1 ? Son stock est remis en vente et l&apos;acheteur est prévenu.</translation>
    </message>
    <message>
        <source>Reason, shown to the buyer (optional)</source>
        <translation>Motif, montré à l&apos;acheteur (facultatif)</translation>
    </message>
    <message>
        <source>Cancel and &amp;refund</source>
        <translation>Annuler et &amp;rembourser</translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation>&amp;Annuler la commande</translation>
    </message>
    <message>
        <source>&amp;Keep order</source>
        <translation>&amp;Garder la commande</translation>
    </message>
</context>
<context>
    <name>SellerImport</name>
    <message>
        <source>Row %1, column %2: </source>
        <translation>Ligne %1, colonne %2 : </translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>Ligne %1 : </translation>
    </message>
    <message>
        <source>%1 is not a price (like 12.50, or 12,50 in a file with decimal commas).</source>
        <translation>%1 n’est pas un prix (comme 12.50, ou 12,50 dans un fichier à virgule décimale).</translation>
    </message>
    <message>
        <source>%1 does not use the decimal separator of the column&apos;s other prices; write it like them.</source>
        <translation>%1 n’utilise pas le séparateur décimal des autres prix de la colonne ; écrivez-le comme eux.</translation>
    </message>
    <message>
        <source>a character cannot be read (byte %1): the file is neither UTF-8 nor Windows-1252 text. Save it again as &quot;CSV UTF-8&quot;.</source>
        <translation>un caractère est illisible (octet %1) : le fichier n’est ni du texte UTF-8 ni du Windows-1252. Enregistrez-le à nouveau en « CSV UTF-8 ».</translation>
    </message>
    <message>
        <source>this file is not text (a workbook or a picture?). Save it as CSV.</source>
        <translation>ce fichier n’est pas du texte (un classeur ou une image ?). Enregistrez-le en CSV.</translation>
    </message>
    <message>
        <source>the file is empty.</source>
        <translation>le fichier est vide.</translation>
    </message>
    <message>
        <source>the first row must name the columns (%1); no column %2 was found.</source>
        <translation>la première ligne doit nommer les colonnes (%1) ; aucune colonne %2 trouvée.</translation>
    </message>
    <message>
        <source>you have no order %1.</source>
        <translation>vous n’avez pas de commande %1.</translation>
    </message>
    <message>
        <source>order %1 is %2 and cannot be marked shipped.</source>
        <translation>la commande %1 est à l’état « %2 » et ne peut pas être marquée expédiée.</translation>
    </message>
    <message>
        <source>the tracking number is missing.</source>
        <translation>le numéro de suivi manque.</translation>
    </message>
    <message>
        <source>the order reference is missing.</source>
        <translation>la référence de commande manque.</translation>
    </message>
    <message>
        <source>carrier %1 has no tracking page the buyer can follow (it is still sent).</source>
        <translation>le transporteur %1 n’a pas de page de suivi que l’acheteur puisse consulter (la ligne est tout de même envoyée).</translation>
    </message>
    <message>
        <source>order %1 is also on row %2.</source>
        <translation>la commande %1 figure aussi ligne %2.</translation>
    </message>
    <message>
        <source>%1 is longer than the carrier field allows (60 characters).</source>
        <translation>%1 dépasse la longueur permise pour le transporteur (60 caractères).</translation>
    </message>
    <message>
        <source>A price above 0 with at most 2 decimals, e.g. 12.50.</source>
        <translation>Un prix supérieur à 0 avec au plus 2 décimales, par ex. 12.50.</translation>
    </message>
    <message>
        <source>A whole number of units, 0 or more.</source>
        <translation>Un nombre entier d’unités, 0 ou plus.</translation>
    </message>
    <message>
        <source>A whole number of units, 1 or more.</source>
        <translation>Un nombre entier d’unités, 1 ou plus.</translation>
    </message>
    <message>
        <source>Packagings like &quot;unit:1|carton:12|pallet:480&quot; (distinct labels).</source>
        <translation>Des conditionnements comme « unité:1|carton:12|palette:480 » (libellés distincts).</translation>
    </message>
    <message>
        <source>Volume prices like &quot;10:3.10|100:2.60&quot; (at most 5; each above the MOQ, with more units and a lower price than the one before; the first below the price).</source>
        <translation>Des prix dégressifs comme « 10:3.10|100:2.60 » (5 au plus ; chacun au-delà de la qté min., pour plus d’unités et à un prix plus bas que le précédent ; le premier sous le prix).</translation>
    </message>
    <message>
        <source>Collections: &quot;weekly&quot;, &quot;surplus&quot; or &quot;weekly|surplus&quot;.</source>
        <translation>Collections : « weekly », « surplus » ou « weekly|surplus ».</translation>
    </message>
    <message>
        <source>You have no warehouse with the code %1.</source>
        <translation>Vous n’avez pas d’entrepôt de code %1.</translation>
    </message>
    <message>
        <source>There is no category %1.</source>
        <translation>Il n’y a pas de catégorie %1.</translation>
    </message>
    <message>
        <source>You have no offer with the SKU %1; this import only updates offers.</source>
        <translation>Vous n’avez pas d’offre de référence %1 ; cet import ne fait que mettre à jour des offres.</translation>
    </message>
    <message>
        <source>CSV and text files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Fichiers CSV et texte (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>virgule</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>point-virgule</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tabulation</translation>
    </message>
    <message>
        <source>decimal comma</source>
        <translation>virgule décimale</translation>
    </message>
    <message>
        <source>%1 cannot be read; nothing was sent.</source>
        <translation>%1 est illisible ; rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>%1 created, %2 updated, %3 unchanged.</source>
        <translation>%1 créées, %2 modifiées, %3 inchangées.</translation>
    </message>
    <message>
        <source>%1 to create, %2 to update, %3 unchanged.</source>
        <translation>%1 à créer, %2 à modifier, %3 inchangées.</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Importé.</translation>
    </message>
    <message>
        <source>Rows with errors: %1. Nothing will be written until they are fixed.</source>
        <translation>Lignes en erreur : %1. Rien ne sera écrit tant qu’elles ne sont pas corrigées.</translation>
    </message>
    <message>
        <source>Nothing to import.</source>
        <translation>Rien à importer.</translation>
    </message>
    <message>
        <source>No errors: ready to import.</source>
        <translation>Aucune erreur : prêt à importer.</translation>
    </message>
    <message>
        <source>%1 (%2): %3 %4</source>
        <translation>%1 (%2) : %3 %4</translation>
    </message>
    <message>
        <source>Row</source>
        <extracomment>the second column&apos;s title: &quot;SKU&quot; for offers, &quot;Order&quot; for tracking uploads</extracomment>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Réf. (SKU)</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Offers edited on the server since the export, left as they are: %1.</source>
        <translation>Offres modifiées sur le serveur depuis l’export, laissées telles quelles : %1.</translation>
    </message>
    <message>
        <source>No errors, but %1 row(s) change offers edited on the server after the file was exported (marked below): choose whether to skip or overwrite them.</source>
        <translation>Aucune erreur, mais %1 ligne(s) modifient des offres changées sur le serveur après l’export du fichier (signalées ci-dessous) : choisissez de les ignorer ou de les écraser.</translation>
    </message>
    <message>
        <source>Edited on the server after the export (version %1 → %2): importing the file&apos;s value undoes that edit.</source>
        <extracomment>the widest a value column grows when the report comes (the seller may widen it)</extracomment>
        <translation>Modifiée sur le serveur après l’export (version %1 → %2) : importer la valeur du fichier annule cette modification.</translation>
    </message>
    <message>
        <source>On the server now</source>
        <translation>Sur le serveur</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Dans le fichier</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
    <message>
        <source>Changed on the server since the export</source>
        <translation>Modifiée sur le serveur depuis l’export</translation>
    </message>
    <message>
        <source>The title needs 1 to %2 characters.</source>
        <translation>Le titre doit compter de 1 à %2 caractères.</translation>
    </message>
    <message>
        <source>The SKU needs 1 to %2 characters.</source>
        <translation>Le SKU doit compter de 1 à %2 caractères.</translation>
    </message>
    <message>
        <source>The title cannot contain control characters (NUL, tab, line breaks).</source>
        <translation>Le titre ne peut pas contenir de caractères de contrôle (NUL, tabulation, saut de ligne).</translation>
    </message>
    <message>
        <source>The SKU cannot contain control characters (NUL, tab, line breaks).</source>
        <translation>Le SKU ne peut pas contenir de caractères de contrôle (NUL, tabulation, saut de ligne).</translation>
    </message>
    <message>
        <source>There is no currency %1 on the marketplace.</source>
        <translation>La place de marché n’a pas de devise %1.</translation>
    </message>
    <message>
        <source>Several categories are named %1; use the category&apos;s number.</source>
        <translation>Plusieurs catégories s’appellent %1 ; indiquez le numéro de la catégorie.</translation>
    </message>
    <message>
        <source>The offer&apos;s version as the export writes it (a whole number), or empty.</source>
        <translation>La version de l’offre telle que l’export l’écrit (un nombre entier), ou vide.</translation>
    </message>
    <message>
        <source>1Z followed by 16 letters or digits</source>
        <translation>1Z suivi de 16 lettres ou chiffres</translation>
    </message>
    <message>
        <source>10, 12 or 20 digits, or JJD, JVGL or JD followed by digits</source>
        <translation>10, 12 ou 20 chiffres, ou JJD, JVGL ou JD suivi de chiffres</translation>
    </message>
    <message>
        <source>14 digits</source>
        <translation>14 chiffres</translation>
    </message>
    <message>
        <source>11 or 12 digits</source>
        <translation>11 ou 12 chiffres</translation>
    </message>
    <message>
        <source>13 characters like AA123456789FR or 6A12345678901, or 11 to 15 digits</source>
        <translation>13 caractères comme AA123456789FR ou 6A12345678901, ou 11 à 15 chiffres</translation>
    </message>
    <message>
        <source>%1 is a number in scientific notation: the spreadsheet took the tracking number for a number and lost its digits (and leading zeros). Format the column as Text (or import the CSV with that column as Text), type or paste the numbers again, then save the CSV.</source>
        <translation>%1 est un nombre en notation scientifique : le tableur a pris le numéro de suivi pour un nombre et en a perdu les chiffres (et les zéros de tête). Mettez la colonne au format Texte (ou importez le CSV avec cette colonne en Texte), saisissez ou collez à nouveau les numéros, puis enregistrez le CSV.</translation>
    </message>
    <message>
        <source>%1 is not a %2 tracking number: %3.</source>
        <translation>%1 n’est pas un numéro de suivi %2 : %3.</translation>
    </message>
</context>
<context>
    <name>SellerPage</name>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <source>Paid orders waiting to be prepared: %1</source>
        <translation>Commandes payées à préparer : %1</translation>
    </message>
    <message>
        <source>Questions waiting for your answer: %1</source>
        <translation>Questions en attente de votre réponse : %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>My listings</source>
        <extracomment>where the desk&apos;s tabs go: Listings first, Pending changes and Import after Orders and Questions</extracomment>
        <translation>Mes offres</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Changes not yet accepted by the marketplace: %1</source>
        <translation>Modifications pas encore acceptées par la place de marché : %1</translation>
    </message>
    <message>
        <source>%1 now answers as %2: the changes kept for %3 stay kept for it.</source>
        <translation>%1 répond désormais en tant que %2 : les modifications conservées pour %3 le restent pour elle.</translation>
    </message>
    <message>
        <source>Another marketplace</source>
        <translation>Une autre place de marché</translation>
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
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <source>(%1 reviews)</source>
        <translation>(%1 avis)</translation>
    </message>
    <message>
        <source>%1 reviews</source>
        <translation>%1 avis</translation>
    </message>
    <message>
        <source>Member since %1</source>
        <translation>Membre depuis le %1</translation>
    </message>
    <message>
        <source>Offers (%1)</source>
        <translation>Offres (%1)</translation>
    </message>
    <message>
        <source>No offers of this seller in the downloaded catalog.</source>
        <translation>Aucune offre de ce vendeur dans le catalogue téléchargé.</translation>
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
        <translation>Offres (%1, depuis la place de marché)</translation>
    </message>
</context>
<context>
    <name>SellerRules</name>
    <message>
        <source>A discount of 1 to 90 %.</source>
        <translation>Une remise de 1 à 90 %.</translation>
    </message>
    <message>
        <source>A packaging label needs 1 to {max} characters, without | or :.</source>
        <translation>Un libellé de conditionnement compte de 1 à {max} caractères, sans | ni :.</translation>
    </message>
    <message>
        <source>A promotion as 15% 2027-01-31 (empty to end it).</source>
        <translation>Une promotion comme 15% 2027-01-31 (vide pour la terminer).</translation>
    </message>
    <message>
        <source>At least one packaging, e.g. unit:1.</source>
        <translation>Au moins un conditionnement, p. ex. unité:1.</translation>
    </message>
    <message>
        <source>At least {min}.</source>
        <translation>Au moins {min}.</translation>
    </message>
    <message>
        <source>At most 2 decimals.</source>
        <translation>Au plus 2 décimales.</translation>
    </message>
    <message>
        <source>At most {max} packagings.</source>
        <translation>Au plus {max} conditionnements.</translation>
    </message>
    <message>
        <source>At most {max}.</source>
        <translation>Au plus {max}.</translation>
    </message>
    <message>
        <source>Collections: {names} (a promotion is set on its own).</source>
        <translation>Collections : {names} (une promotion se règle à part).</translation>
    </message>
    <message>
        <source>Each packaging needs its own label.</source>
        <translation>Chaque conditionnement a besoin de son propre libellé.</translation>
    </message>
    <message>
        <source>Enter a price such as 12.50.</source>
        <translation>Saisissez un prix comme 12,50.</translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation>Saisissez un nombre entier.</translation>
    </message>
    <message>
        <source>Give the promotion&apos;s end date.</source>
        <translation>Indiquez la date de fin de la promotion.</translation>
    </message>
    <message>
        <source>No offer of yours has this SKU.</source>
        <translation>Aucune de vos offres n’a cette référence.</translation>
    </message>
    <message>
        <source>Packagings as label:units|label:units, e.g. unit:1|carton:12.</source>
        <translation>Conditionnements au format libellé:unités|libellé:unités, p. ex. unité:1|carton:12.</translation>
    </message>
    <message>
        <source>The first column must be the SKU (or give a header row: sku, stock, price…).</source>
        <translation>La première colonne doit être la référence (ou donnez une ligne d’en-tête : sku, stock, price…).</translation>
    </message>
    <message>
        <source>The price must be above zero.</source>
        <translation>Le prix doit être supérieur à zéro.</translation>
    </message>
    <message>
        <source>The promotion must end in the future.</source>
        <translation>La promotion doit se terminer dans le futur.</translation>
    </message>
    <message>
        <source>The stock would fall below zero.</source>
        <translation>Le stock deviendrait négatif.</translation>
    </message>
    <message>
        <source>The {what} cannot contain control characters.</source>
        <translation>{what} : pas de caractères de contrôle.</translation>
    </message>
    <message>
        <source>The {what} needs 1 to {max} characters.</source>
        <translation>{what} : de 1 à {max} caractères.</translation>
    </message>
    <message>
        <source>This column cannot be edited.</source>
        <translation>Cette colonne ne se modifie pas.</translation>
    </message>
    <message>
        <source>Units per packaging: 1 to {max}.</source>
        <translation>Unités par conditionnement : de 1 à {max}.</translation>
    </message>
    <message>
        <source>Volume prices as units:price|units:price, e.g. 10:3.10|100:2.60.</source>
        <translation>Prix dégressifs sous la forme unités:prix|unités:prix, p. ex. 10:3,10|100:2,60.</translation>
    </message>
    <message>
        <source>At most {max} volume prices.</source>
        <translation>{max} prix dégressifs au plus.</translation>
    </message>
    <message>
        <source>A volume price starts at 2 units or more.</source>
        <translation>Un prix dégressif commence à 2 unités ou plus.</translation>
    </message>
    <message>
        <source>Each volume price needs more units than the one before.</source>
        <translation>Chaque prix dégressif demande plus d’unités que le précédent.</translation>
    </message>
    <message>
        <source>Each volume price must be below the one before.</source>
        <translation>Chaque prix dégressif doit être inférieur au précédent.</translation>
    </message>
    <message>
        <source>Each volume price must start above the MOQ ({moq}).</source>
        <translation>Chaque prix dégressif doit commencer au-delà de la quantité minimale ({moq}).</translation>
    </message>
    <message>
        <source>The first volume price must be below the price ({price}).</source>
        <translation>Le premier prix dégressif doit être inférieur au prix ({price}).</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>title</source>
        <translation>Titre</translation>
    </message>
</context>
<context>
    <name>SellerTexts</name>
    <message>
        <source>SKU</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Volume prices</source>
        <translation>Prix dégressifs</translation>
    </message>
    <message>
        <source>MOQ</source>
        <translation>Qté min.</translation>
    </message>
    <message>
        <source>Packagings</source>
        <translation>Conditionnements</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Collections</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>Promotion</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Entrepôt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <source>Low at</source>
        <translation>Seuil bas</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>New offer</source>
        <translation>Nouvelle offre</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Shipping status</source>
        <translation>État d’expédition</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Annulation de commande</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Opportunités de la semaine</translation>
    </message>
    <message>
        <source>Surplus</source>
        <translation>Surstocks</translation>
    </message>
    <message>
        <source>−%1 % until %2</source>
        <translation>−%1 % jusqu’au %2</translation>
    </message>
    <message>
        <source>Changed on the marketplace meanwhile</source>
        <translation>Modifiée sur la place de marché entre-temps</translation>
    </message>
</context>
<context>
    <name>ServerTexts</name>
    <message>
        <source>Standard freight</source>
        <translation>Transport standard</translation>
    </message>
    <message>
        <source>Express freight</source>
        <translation>Transport express</translation>
    </message>
    <message>
        <source>Pickup at the warehouse</source>
        <translation>Retrait à l&apos;entrepôt</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>a setting&apos;s value as the dialog shows and returns it: text, a whole number, or None (not set) a value the caller does not give: the setting&apos;s default, but no server (the field stays empty)</extracomment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Place de marché</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>&amp;Adresse du serveur</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation>Les réglages de proxy du système</translation>
    </message>
    <message>
        <source>None (the system&apos;s certificates only)</source>
        <translation>Aucun (ceux du système)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Parc&amp;ourir…</translation>
    </message>
    <message>
        <source>&amp;Proxy</source>
        <translation>&amp;Proxy</translation>
    </message>
    <message>
        <source>Extra &amp;CA bundle</source>
        <translation>&amp;CA supplémentaires</translation>
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
        <source>C&amp;urrency</source>
        <translation>&amp;Devise</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Language and server changes apply after Bulkdesk restarts.</source>
        <extracomment>the note beside each value the administrator set (managed or recommended)</extracomment>
        <translation>Les changements de langue et de serveur s’appliquent au prochain démarrage de Bulkdesk.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Clear cac&amp;he</source>
        <translation>&amp;Vider le cache</translation>
    </message>
    <message>
        <source>Sync and offline catalog</source>
        <translation>Synchronisation et catalogue hors ligne</translation>
    </message>
    <message>
        <source>S&amp;ync every</source>
        <translation>S&amp;ynchroniser toutes les</translation>
    </message>
    <message>
        <source>Cache li&amp;mit</source>
        <translation>&amp;Taille max. du cache</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Utilisé</translation>
    </message>
    <message>
        <source> units</source>
        <translation> unités</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>None (import files one by one)</source>
        <translation>Aucun (importer les fichiers un par un)</translation>
    </message>
    <message>
        <source>Seller workspace</source>
        <translation>Espace vendeur</translation>
    </message>
    <message>
        <source>Low s&amp;tock at</source>
        <translation>Stoc&amp;k bas à</translation>
    </message>
    <message>
        <source>&amp;Watched folder</source>
        <translation>Dossier s&amp;urveillé</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Recommended by your administrator</source>
        <translation>Recommandé par votre administrateur</translation>
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
        <source>The proxy must be an address starting with http://, https://, socks5:// or socks5h://, for example http://proxy.example.com:3128.</source>
        <translation>Le proxy doit être une adresse commençant par http://, https://, socks5:// ou socks5h://, par exemple http://proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>The CA bundle must be the full path of an existing PEM file.</source>
        <translation>Les certificats d’autorité doivent être le chemin complet d’un fichier PEM existant.</translation>
    </message>
    <message>
        <source>This file holds no PEM certificate (-----BEGIN CERTIFICATE-----).</source>
        <translation>Ce fichier ne contient aucun certificat PEM (-----BEGIN CERTIFICATE-----).</translation>
    </message>
    <message>
        <source>The watched folder must be a full path, for example /srv/import.</source>
        <translation>Le dossier surveillé doit être un chemin complet, par exemple /srv/import.</translation>
    </message>
    <message>
        <source>Extra CA bundle</source>
        <translation>CA supplémentaires</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>Dossier surveillé</translation>
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
    <message>
        <source>Connected now to %1.</source>
        <translation>Connecté en ce moment à %1.</translation>
    </message>
    <message>
        <source>Connected now to %1 (this session only; the address above is the one saved).</source>
        <translation>Connecté en ce moment à %1 (pour cette session ; l’adresse ci-dessus est celle enregistrée).</translation>
    </message>
</context>
<context>
    <name>ShipDialog</name>
    <message>
        <source>Mark shipped (%1)</source>
        <translation>Marquer expédiées (%1)</translation>
    </message>
    <message>
        <source>&amp;Carrier for all</source>
        <translation>&amp;Transporteur pour toutes</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Numéro de suivi</translation>
    </message>
    <message>
        <source>Tracking number for %1</source>
        <translation>Numéro de suivi de %1</translation>
    </message>
    <message>
        <source>Carrier for %1</source>
        <translation>Transporteur de %1</translation>
    </message>
    <message>
        <source>The buyer sees the number, with a link to the carrier&apos;s tracking page.</source>
        <translation>L&apos;acheteur voit le numéro, avec un lien vers la page de suivi du transporteur.</translation>
    </message>
    <message>
        <source>&amp;Mark shipped</source>
        <translation>&amp;Marquer expédiées</translation>
    </message>
</context>
<context>
    <name>ShippingStep</name>
    <message>
        <source>Each warehouse ships its own order. Choose how each one is delivered.</source>
        <translation>Chaque entrepôt expédie sa propre commande. Choisissez comment chacune est livrée.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a shipping method for every warehouse.</source>
        <translation>Choisissez un mode de livraison pour chaque entrepôt.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Everywhere</source>
        <extracomment>every shortcut of the app, in the order the Help window lists them. The Go menu&apos;s Ctrl+1…Ctrl+4 are listed from the window&apos;s pages (their titles), after these.</extracomment>
        <translation>Partout</translation>
    </message>
    <message>
        <source>Move to the next region: navigation, filters, results, detail</source>
        <translation>Aller à la zone suivante : navigation, filtres, résultats, détail</translation>
    </message>
    <message>
        <source>Move to the previous region</source>
        <translation>Aller à la zone précédente</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Search the catalog (Return shows the results)</source>
        <translation>Rechercher dans le catalogue (Entrée affiche les résultats)</translation>
    </message>
    <message>
        <source>Add the offer shown to the cart, with the quantity in its detail</source>
        <translation>Ajouter l’offre affichée au panier, avec la quantité de son détail</translation>
    </message>
    <message>
        <source>Go to the quantity of the offer shown</source>
        <translation>Aller à la quantité de l’offre affichée</translation>
    </message>
    <message>
        <source>Update the catalog now</source>
        <translation>Mettre à jour le catalogue maintenant</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Panier</translation>
    </message>
    <message>
        <source>Check out the cart</source>
        <translation>Passer la commande du panier</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Search and filter the orders</source>
        <translation>Rechercher et filtrer les commandes</translation>
    </message>
    <message>
        <source>Get the latest orders</source>
        <translation>Télécharger les dernières commandes</translation>
    </message>
    <message>
        <source>Seller: listings</source>
        <translation>Vendeur : mes offres</translation>
    </message>
    <message>
        <source>Edit the current cell</source>
        <translation>Modifier la cellule courante</translation>
    </message>
    <message>
        <source>Bulk edit the selected offers</source>
        <translation>Modifier en masse les offres sélectionnées</translation>
    </message>
    <message>
        <source>Paste rows from a spreadsheet</source>
        <translation>Coller des lignes d’un tableur</translation>
    </message>
    <message>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <source>Show the pending changes (not yet sent or refused)</source>
        <translation>Afficher les modifications en attente (pas encore envoyées ou refusées)</translation>
    </message>
    <message>
        <source>Any table</source>
        <translation>Tout tableau</translation>
    </message>
    <message>
        <source>Open the current row</source>
        <translation>Ouvrir la ligne courante</translation>
    </message>
    <message>
        <source>Select the first row when none is selected</source>
        <translation>Sélectionner la première ligne quand aucune ne l’est</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>This list of keyboard shortcuts</source>
        <translation>Cette liste des raccourcis clavier</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Tab and Shift+Tab move between controls, the arrow keys inside a list or a table, Alt with an underlined letter presses that button or goes to that field.</source>
        <translation>Tab et Maj+Tab passent d’un contrôle à l’autre, les flèches se déplacent dans une liste ou un tableau, Alt avec une lettre soulignée appuie sur ce bouton ou va à ce champ.</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Ce que cela fait</translation>
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
        <source>C&amp;reate account…</source>
        <translation>C&amp;réer un compte…</translation>
    </message>
    <message>
        <source>Continue as &amp;guest</source>
        <translation>Continuer en tant qu’&amp;invité</translation>
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
    <message>
        <source>&amp;Sign in</source>
        <translation>Se &amp;connecter</translation>
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
        <translation>Synchroniser le catalogue</translation>
    </message>
    <message>
        <source>Downloading the catalog…</source>
        <translation>Téléchargement du catalogue…</translation>
    </message>
    <message>
        <source>Syncing the catalog…</source>
        <translation>Synchronisation du catalogue…</translation>
    </message>
    <message>
        <source>Sync cancelled; it resumes from here next time.</source>
        <translation>Synchronisation annulée ; elle reprendra d’ici la prochaine fois.</translation>
    </message>
    <message>
        <source>The offline catalog on this computer was damaged and has been reset. Bulkdesk is downloading it again; your cart is not affected.</source>
        <translation>Le catalogue hors ligne de cet ordinateur était endommagé et a été réinitialisé. Bulkdesk le télécharge à nouveau ; votre panier n’est pas touché.</translation>
    </message>
    <message>
        <source>Offline catalog reset</source>
        <translation>Catalogue hors ligne réinitialisé</translation>
    </message>
</context>
<context>
    <name>TierRow</name>
    <message>
        <source>Remove this volume price</source>
        <translation>Supprimer ce prix dégressif</translation>
    </message>
    <message>
        <source>From</source>
        <translation>À partir de</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <source>units:</source>
        <translation>unités :</translation>
    </message>
    <message>
        <source>%1 per unit</source>
        <translation>%1 l’unité</translation>
    </message>
</context>
<context>
    <name>TiersDialog</name>
    <message>
        <source>Volume prices: %1</source>
        <translation>Prix dégressifs : %1</translation>
    </message>
    <message numerus="yes">
        <source>Price %1 per unit, MOQ %Ln unit(s). Each volume price starts above the MOQ and is below the one before.</source>
        <translation>
            <numerusform>Prix %1 l’unité, quantité minimale %Ln unité. Chaque prix dégressif commence au-delà de la quantité minimale et est inférieur au précédent.</numerusform>
            <numerusform>Prix %1 l’unité, quantité minimale %Ln unités. Chaque prix dégressif commence au-delà de la quantité minimale et est inférieur au précédent.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
</context>
<context>
    <name>TiersEditor</name>
    <message>
        <source>No volume prices: every quantity pays the price.</source>
        <translation>Aucun prix dégressif : toute quantité paie le prix.</translation>
    </message>
    <message>
        <source>&amp;Add a volume price</source>
        <translation>&amp;Ajouter un prix dégressif</translation>
    </message>
</context>
<context>
    <name>TrackingUploadDialog</name>
    <message>
        <source>Upload tracking numbers</source>
        <translation>Importer des numéros de suivi</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Choisir un fichier…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>&amp;Mark shipped</source>
        <translation>&amp;Marquer expédiées</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>%1 cannot be read; nothing was sent.</source>
        <translation>%1 est illisible ; rien n’a été envoyé.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) with errors: nothing will be sent until they are fixed.</source>
        <translation>
            <numerusform>%n ligne en erreur : rien ne sera envoyé tant qu’elle n’est pas corrigée.</numerusform>
            <numerusform>%n lignes en erreur : rien ne sera envoyé tant qu’elles ne sont pas corrigées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) to mark shipped</source>
        <translation>
            <numerusform>%n commande à marquer expédiée</numerusform>
            <numerusform>%n commandes à marquer expédiées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already shipped with that number.</source>
        <translation>
            <numerusform>%n déjà expédiée avec ce numéro.</numerusform>
            <numerusform>%n déjà expédiées avec ce numéro.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file could not be checked; try again.</source>
        <translation>Le fichier n’a pas pu être vérifié ; réessayez.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) marked shipped.</source>
        <translation>
            <numerusform>%n commande marquée expédiée.</numerusform>
            <numerusform>%n commandes marquées expédiées.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 refused (see below).</source>
        <translation>%1 refusées (voir ci-dessous).</translation>
    </message>
    <message>
        <source>%1 not sent: the connection was lost; upload the file again.</source>
        <translation>%1 non envoyées : la connexion a été perdue ; importez le fichier à nouveau.</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Transporteur</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>N° de suivi</translation>
    </message>
    <message>
        <source>A CSV with the columns %1, %2 and %3 (or order_ref, carrier, tracking_number; comma, semicolon or tab). Every row is checked against your orders first. Keep the tracking numbers as text in your spreadsheet: a number it shows as 3,4E+17 has lost its digits.</source>
        <translation>Un CSV avec les colonnes %1, %2 et %3 (ou order_ref, carrier, tracking_number ; virgule, point-virgule ou tabulation). Chaque ligne est d’abord vérifiée par rapport à vos commandes. Gardez les numéros de suivi en texte dans votre tableur : un numéro affiché 3,4E+17 a perdu ses chiffres.</translation>
    </message>
    <message>
        <source>Waiting for the marketplace&apos;s answer</source>
        <translation>En attente de la réponse de la place de marché</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusée : %1</translation>
    </message>
    <message>
        <source>%1 waiting to be sent (see Pending changes).</source>
        <translation>%1 en attente d’envoi (voir Modifications en attente).</translation>
    </message>
</context>
<context>
    <name>UnsentChangesDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Changes not sent</source>
        <translation>Modifications non envoyées</translation>
    </message>
    <message>
        <source>They are kept: if you quit now, they are sent the next time Bulkdesk starts and the marketplace answers.</source>
        <translation>Elles sont conservées : si vous quittez maintenant, elles seront envoyées au prochain démarrage de Bulkdesk, quand la place de marché répondra.</translation>
    </message>
    <message>
        <source>Wait and send</source>
        <translation>Attendre et envoyer</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quitter quand même</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet sent to the marketplace.</source>
        <translation>
            <numerusform>%n modification pas encore envoyée à la place de marché.</numerusform>
            <numerusform>%n modifications pas encore envoyées à la place de marché.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending… Bulkdesk quits once the marketplace has them. Changes it refuses need your decision: Cancel to see them.</source>
        <translation>Envoi en cours… Bulkdesk se fermera dès que la place de marché les aura reçues. Celles qu’elle refuse attendent votre décision : Annuler pour les voir.</translation>
    </message>
</context>
<context>
    <name>WatchedFileDialog</name>
    <message>
        <source>Import %1?</source>
        <translation>Importer %1 ?</translation>
    </message>
    <message>
        <source>A new file in the import folder %1:</source>
        <translation>Un nouveau fichier dans le dossier d’import %1 :</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Import de %1…</translation>
    </message>
</context>
<context>
    <name>WhoStep</name>
    <message>
        <source>Use my account</source>
        <translation>Utiliser mon compte</translation>
    </message>
    <message>
        <source>Check out as a guest</source>
        <translation>Commander en invité</translation>
    </message>
    <message>
        <source>Email for the order confirmation</source>
        <translation>E-mail pour la confirmation de commande</translation>
    </message>
    <message>
        <source>Guest email</source>
        <translation>E-mail invité</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Se connecter…</translation>
    </message>
    <message>
        <source>Create an account…</source>
        <translation>Créer un compte…</translation>
    </message>
    <message>
        <source>Signing in keeps your cart: its lines are added to your account&apos;s cart.</source>
        <translation>Se connecter conserve votre panier : ses lignes sont ajoutées au panier de votre compte.</translation>
    </message>
    <message>
        <source>Signed in as &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>Connecté en tant que &lt;b&gt;%1&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Sign in to order with your account, or check out as a guest with an email address.</source>
        <translation>Connectez-vous pour commander avec votre compte, ou commandez en invité avec une adresse e-mail.</translation>
    </message>
    <message>
        <source>Enter a valid email address, or sign in.</source>
        <translation>Saisissez une adresse e-mail valide, ou connectez-vous.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
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
        <source>Sign in to contact the seller.</source>
        <extracomment>saved searches and offer watches, per account, on this computer</extracomment>
        <translation>Connectez-vous pour contacter le vendeur.</translation>
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
        <source>The marketplace&apos;s certificate is not trusted</source>
        <translation>Le certificat de la place de marché n’est pas reconnu</translation>
    </message>
    <message>
        <source>If your company inspects secure traffic, ask your administrator for its CA bundle and add it in Settings (Extra CA bundle).</source>
        <translation>Si votre entreprise inspecte le trafic sécurisé, demandez son certificat d’autorité (CA) à votre administrateur et ajoutez-le dans les Paramètres (CA supplémentaires).</translation>
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
