<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>CatalogPage</name>
    <message>
      <source>Search offers, SKUs, sellers…</source>
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
      <source>Country</source>
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
      <source>In stock only</source>
      <translation>En stock uniquement</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>Effacer les filtres</translation>
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
    <message>
      <source>1 offer</source>
      <translation>1 offre</translation>
    </message>
    <message>
      <source>%1 offers</source>
      <translation>%1 offres</translation>
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
    <name>ContactSellerDialog</name>
    <message>
      <source>Contact the seller</source>
      <translation>Contacter le vendeur</translation>
    </message>
    <message>
      <source>Your question to %1 about “%2”:</source>
      <translation>Votre question à %1 au sujet de « %2 » :</translation>
    </message>
    <message>
      <source>Availability, delivery, documents…</source>
      <translation>Disponibilité, livraison, documents…</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>Envoyer</translation>
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
  </context>
  <context>
    <name>OfferDetail</name>
    <message>
      <source>Packaging</source>
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
      <source>Add to cart</source>
      <translation>Ajouter au panier</translation>
    </message>
    <message>
      <source>Contact the seller…</source>
      <translation>Contacter le vendeur…</translation>
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
      <source>per unit</source>
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
      <source>MOQ %1 units</source>
      <translation>MOQ %1 unités</translation>
    </message>
    <message>
      <source>%1 units in stock</source>
      <translation>%1 unités en stock</translation>
    </message>
    <message>
      <source>Out of stock</source>
      <translation>Rupture de stock</translation>
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
      <source>1 unit</source>
      <translation>1 unité</translation>
    </message>
    <message>
      <source>%1 units</source>
      <translation>%1 unités</translation>
    </message>
    <message>
      <source>Below the minimum order of %1 units.</source>
      <translation>En dessous du minimum de commande de %1 unités.</translation>
    </message>
    <message>
      <source>Out of stock.</source>
      <translation>Rupture de stock.</translation>
    </message>
    <message>
      <source>Only %1 units in stock.</source>
      <translation>Seulement %1 unités en stock.</translation>
    </message>
    <message>
      <source>Added %1 × %2 of “%3” to the cart.</source>
      <translation>%1 × %2 de « %3 » ajouté au panier.</translation>
    </message>
  </context>
  <context>
    <name>OfferTableModel</name>
    <message>
      <source>Price per unit in %1, any promotion applied</source>
      <translation>Prix unitaire en %1, promotion comprise</translation>
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
      <translation>Rupture de stock</translation>
    </message>
    <message>
      <source>−%1 %</source>
      <translation>−%1 %</translation>
    </message>
    <message>
      <source>SKU %1</source>
      <translation>Réf. %1</translation>
    </message>
    <message>
      <source>Warehouse in %1</source>
      <translation>Entrepôt : %1</translation>
    </message>
    <message>
      <source>Minimum order: %1 units</source>
      <translation>Commande minimum : %1 unités</translation>
    </message>
    <message>
      <source>Before the promotion: %1</source>
      <translation>Avant la promotion : %1</translation>
    </message>
  </context>
  <context>
    <name>SellerProfileDialog</name>
    <message>
      <source>Seller</source>
      <translation>Vendeur</translation>
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
    <name>SyncController</name>
    <message>
      <source>Sync catalog now</source>
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
</TS>