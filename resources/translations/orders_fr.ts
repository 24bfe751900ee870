<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <source>Cancel order</source>
        <translation>Annuler la commande</translation>
    </message>
    <message>
        <source>Keep order</source>
        <translation>Garder la commande</translation>
    </message>
</context>
<context>
    <name>ContactSellerDialog</name>
    <message>
        <source>Contact %1</source>
        <translation>Contacter %1</translation>
    </message>
    <message>
        <source>About order %1: </source>
        <translation>Au sujet de la commande %1 : </translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
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
    <name>OrderDetail</name>
    <message>
        <source>Cancel order…</source>
        <translation>Annuler la commande…</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>Évaluer…</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>Commander à nouveau</translation>
    </message>
    <message>
        <source>Pay again</source>
        <translation>Payer à nouveau</translation>
    </message>
    <message>
        <source>Copy reference</source>
        <translation>Copier la référence</translation>
    </message>
    <message>
        <source>Contact the seller…</source>
        <translation>Contacter le vendeur…</translation>
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
        <translation>Expédié depuis</translation>
    </message>
    <message>
        <source>Select an order to see its details.</source>
        <translation>Sélectionnez une commande pour en voir le détail.</translation>
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
        <source>%1 × %2 (%3 units)</source>
        <translation>%1 × %2 (%3 unités)</translation>
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
        <source>%1 of %2 lines added to the cart.</source>
        <translation>%1 ligne(s) sur %2 ajoutée(s) au panier.</translation>
    </message>
    <message>
        <source>Availability could not be checked (offline).</source>
        <translation>La disponibilité n’a pas pu être vérifiée (hors ligne).</translation>
    </message>
</context>
<context>
    <name>OrderNotifier</name>
    <message>
        <source>Order %1</source>
        <extracomment>how long the status bar shows a notification (ms)</extracomment>
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
    <name>OrdersPage</name>
    <message>
        <source>Search orders: reference, seller, SKU, title…</source>
        <extracomment>how often the page syncs while the app runs (ms)</extracomment>
        <translation>Rechercher : référence, vendeur, code article, titre…</translation>
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
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Get the latest orders from the marketplace (F5)</source>
        <translation>Récupérer les dernières commandes de la place de marché (F5)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
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
        <source>Offline — no orders downloaded yet</source>
        <translation>Hors ligne — aucune commande téléchargée</translation>
    </message>
    <message>
        <source>Offline — orders as of %1</source>
        <translation>Hors ligne — commandes au %1</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n commande</numerusform>
            <numerusform>%n commandes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 orders</source>
        <translation>%1 commandes sur %2</translation>
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
    <message>
        <source>Export orders</source>
        <translation>Exporter les commandes</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>%1 orders exported to %2</source>
        <translation>%1 commandes exportées dans %2</translation>
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
        <source>Send review</source>
        <translation>Envoyer l’évaluation</translation>
    </message>
    <message>
        <source>Rate the seller and the delivery (1 to 5 stars).</source>
        <translation>Notez le vendeur et la livraison (1 à 5 étoiles).</translation>
    </message>
</context>
</TS>
