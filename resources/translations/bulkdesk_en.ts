<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountDialog</name>
    <message numerus="yes">
        <source>Too many failed attempts. Wait %n minute(s) and try again.</source>
        <translation>
            <numerusform>Too many failed attempts. Wait %n minute and try again.</numerusform>
            <numerusform>Too many failed attempts. Wait %n minutes and try again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message numerus="yes">
        <source>%Ln offer(s) selected</source>
        <translation>
            <numerusform>%Ln offer selected</numerusform>
            <numerusform>%Ln offers selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln change(s)</source>
        <translation>
            <numerusform>%Ln change</numerusform>
            <numerusform>%Ln changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message numerus="yes">
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offer</numerusform>
            <numerusform>%Ln offers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%Ln unit(s)</source>
        <translation>
            <numerusform>%Ln unit</numerusform>
            <numerusform>%Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Below the minimum order of %Ln unit(s).</source>
        <translation>
            <numerusform>Below the minimum order of %Ln unit.</numerusform>
            <numerusform>Below the minimum order of %Ln units.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %Ln unit(s) available.</source>
        <translation>
            <numerusform>Only %Ln unit available.</numerusform>
            <numerusform>Only %Ln units available.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>MOQ %Ln unit(s)</source>
        <translation>
            <numerusform>MOQ %Ln unit</numerusform>
            <numerusform>MOQ %Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unit(s) in stock</source>
        <translation>
            <numerusform>%Ln unit in stock</numerusform>
            <numerusform>%Ln units in stock</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %Ln unit(s) in stock.</source>
        <translation>
            <numerusform>Only %Ln unit in stock.</numerusform>
            <numerusform>Only %Ln units in stock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Raise to %Ln unit(s)</source>
        <translation>
            <numerusform>Raise to %Ln unit</numerusform>
            <numerusform>Raise to %Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lower to %Ln unit(s)</source>
        <translation>
            <numerusform>Lower to %Ln unit</numerusform>
            <numerusform>Lower to %Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %Ln unit(s)</source>
        <translation>
            <numerusform>From %Ln unit</numerusform>
            <numerusform>From %Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Volume price from %Ln unit(s)</source>
        <translation>
            <numerusform>Volume price from %Ln unit</numerusform>
            <numerusform>Volume price from %Ln units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln more unit(s) to reach %1 per unit</source>
        <translation>
            <numerusform>Add %Ln more unit to reach %1 per unit</numerusform>
            <numerusform>Add %Ln more units to reach %1 per unit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %Ln × %1 to reach %2 per unit</source>
        <translation>
            <numerusform>Add %Ln × %1 to reach %2 per unit</numerusform>
            <numerusform>Add %Ln × %1 to reach %2 per unit</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 (%Ln unit(s))</source>
        <translation>
            <numerusform>%1 × %2 (%Ln unit)</numerusform>
            <numerusform>%1 × %2 (%Ln units)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln line(s) added to the cart.</source>
        <translation>
            <numerusform>%1 of %Ln line added to the cart.</numerusform>
            <numerusform>%1 of %Ln lines added to the cart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message numerus="yes">
        <source>%n more error(s) occurred meanwhile.</source>
        <translation>
            <numerusform>%n more error occurred meanwhile.</numerusform>
            <numerusform>%n more errors occurred meanwhile.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message numerus="yes">
        <source>%n offer(s) exported to %1.</source>
        <translation>
            <numerusform>%n offer exported to %1.</numerusform>
            <numerusform>%n offers exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeptElsewhereBar</name>
    <message numerus="yes">
        <source>%n change(s) for another marketplace (%1) kept: sent when Bulkdesk is connected to it again.</source>
        <translation>
            <numerusform>%n change for another marketplace (%1) kept: sent when Bulkdesk is connected to it again.</numerusform>
            <numerusform>%n changes for another marketplace (%1) kept: sent when Bulkdesk is connected to it again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard %n change(s) never sent to %1? This cannot be undone.</source>
        <translation>
            <numerusform>Discard %n change never sent to %1? This cannot be undone.</numerusform>
            <numerusform>Discard %n changes never sent to %1? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListingsPage</name>
    <message numerus="yes">
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offer</numerusform>
            <numerusform>%Ln offers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %Ln offer(s) from the marketplace?</source>
        <translation>
            <numerusform>Remove %Ln offer from the marketplace?</numerusform>
            <numerusform>Remove %Ln offers from the marketplace?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfferTableModel</name>
    <message numerus="yes">
        <source>Minimum order: %Ln unit(s)</source>
        <translation>
            <numerusform>Minimum order: %Ln unit</numerusform>
            <numerusform>Minimum order: %Ln units</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message numerus="yes">
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln order</numerusform>
            <numerusform>%Ln orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) exported to %1</source>
        <translation>
            <numerusform>%Ln order exported to %1</numerusform>
            <numerusform>%Ln orders exported to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceTiersTable</name>
    <message numerus="yes">
        <source>Counting the %Ln unit(s) of this offer already in your cart.</source>
        <translation>
            <numerusform>Counting the %Ln unit of this offer already in your cart.</numerusform>
            <numerusform>Counting the %Ln units of this offer already in your cart.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuickOrderDialog</name>
    <message numerus="yes">
        <source>%Ln line(s) added to the cart.</source>
        <translation>
            <numerusform>%Ln line added to the cart.</numerusform>
            <numerusform>%Ln lines added to the cart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) not added:</source>
        <translation>
            <numerusform>%Ln row not added:</numerusform>
            <numerusform>%Ln rows not added:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedSearchAlerts</name>
    <message numerus="yes">
        <source>%Ln new matching offer(s)</source>
        <translation>
            <numerusform>%Ln new matching offer</numerusform>
            <numerusform>%Ln new matching offers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SavedSearchesModel</name>
    <message numerus="yes">
        <source>%Ln new</source>
        <translation>
            <numerusform>%Ln new</numerusform>
            <numerusform>%Ln new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShippingStep</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TiersDialog</name>
    <message numerus="yes">
        <source>Price %1 per unit, MOQ %Ln unit(s). Each volume price starts above the MOQ and is below the one before.</source>
        <translation>
            <numerusform>Price %1 per unit, MOQ %Ln unit. Each volume price starts above the MOQ and is below the one before.</numerusform>
            <numerusform>Price %1 per unit, MOQ %Ln units. Each volume price starts above the MOQ and is below the one before.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackingUploadDialog</name>
    <message numerus="yes">
        <source>%n row(s) with errors: nothing will be sent until they are fixed.</source>
        <translation>
            <numerusform>%n row with errors: nothing will be sent until they are fixed.</numerusform>
            <numerusform>%n rows with errors: nothing will be sent until they are fixed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) to mark shipped</source>
        <translation>
            <numerusform>%n order to mark shipped</numerusform>
            <numerusform>%n orders to mark shipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already shipped with that number.</source>
        <translation>
            <numerusform>%n already shipped with that number.</numerusform>
            <numerusform>%n already shipped with that number.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) marked shipped.</source>
        <translation>
            <numerusform>%n order marked shipped.</numerusform>
            <numerusform>%n orders marked shipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnsentChangesDialog</name>
    <message numerus="yes">
        <source>%n change(s) not yet sent to the marketplace.</source>
        <translation>
            <numerusform>%n change not yet sent to the marketplace.</numerusform>
            <numerusform>%n changes not yet sent to the marketplace.</numerusform>
        </translation>
    </message>
</context>
</TS>
