(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("pay-config").textContent);
  var form = document.getElementById("pay-form");
  var button = document.getElementById("pay-button");
  var notice = document.getElementById("notice");
  var done = document.getElementById("done");
  var buttonLabel = button ? button.textContent : "";

  function showNotice(kind, text) {
    notice.className = "notice " + kind;
    notice.textContent = text;
    notice.hidden = false;
  }
  function clearNotice() { notice.hidden = true; notice.textContent = ""; }
  function setBusy(busy) {
    button.disabled = busy;
    button.textContent = busy ? "Processing…" : buttonLabel;
  }
  function showPaid() {
    clearNotice();
    form.hidden = true;
    document.getElementById("done-title").textContent = "Thank you";
    document.getElementById("total-label").textContent = "Total paid";
    document.getElementById("done-message").textContent = "Payment received — you can return to Bulkdesk.";
    done.hidden = false;
  }
  function cardMessage(error) {
    var text = error && error.message;
    if (!text || text === "Bad request") {
      return "Check the card number, expiry date and CVC.";
    }
    return text;
  }

  if (!form || form.hidden || typeof Stripe === "undefined") {
    if (form && !form.hidden) {
      form.hidden = true;
      showNotice("error", "The card form could not be loaded. Check your connection and reload the page.");
    }
    return;
  }

  var stripe = Stripe(config.publishableKey);
  var card = stripe.elements().create("card", {hidePostalCode: true});
  card.mount("#card-element");
  card.on("change", function (event) {
    if (event && event.error) { showNotice("error", event.error.message); }
  });

  // Real Stripe.js returns {paymentMethod} or {error}. The local Stripe's Stripe.js has no
  // createPaymentMethod; there a card token's card serves as the payment method.
  async function paymentMethod() {
    var result = await stripe.createPaymentMethod({type: "card", card: card});
    if (result) {
      return result.error ? {error: result.error} : {id: result.paymentMethod.id};
    }
    var token;
    try {
      token = await stripe.createToken(card);
    } catch (err) {
      return {error: {message: "Enter your card details."}};
    }
    return token.error ? {error: token.error} : {id: token.token.card.id};
  }

  async function postJson(url, body) {
    var response = await fetch(url, {
      method: "POST", headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(body), credentials: "same-origin",
    });
    var data = await response.json().catch(function () { return {}; });
    return {ok: response.ok, status: response.status, data: data};
  }

  async function waitForOutcome() {
    for (var i = 0; i < 60; i++) {
      var response = await fetch(config.statusUrl, {headers: {"Accept": "application/json"}});
      var data = await response.json().catch(function () { return {}; });
      if (data.payment_status === "paid") { return {status: "paid"}; }
      if (data.payment_status === "failed") { return {status: "failed", message: data.message}; }
      await new Promise(function (resolve) { setTimeout(resolve, 1000); });
    }
    return {status: "processing"};
  }

  function report(outcome) {
    if (outcome.status === "paid") {
      showPaid();
    } else if (outcome.status === "failed") {
      showNotice("error", outcome.message || "Your card was declined. Check the details or use another card.");
    } else {
      showNotice("info", "Your payment is being processed. You can close this page; Bulkdesk will show " +
                 "the order as paid once it goes through.");
    }
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) { return; }
    clearNotice();
    setBusy(true);
    try {
      var method = await paymentMethod();
      if (method.error) { showNotice("error", cardMessage(method.error)); return; }
      var reply = await postJson(config.confirmUrl, {t: config.token, payment_method: method.id});
      if (!reply.ok) {
        if (reply.data.code === "already_paid") { showPaid(); return; }
        showNotice("error", reply.data.detail || "The payment could not be processed. Try again.");
        return;
      }
      var outcome = reply.data;
      if (outcome.status === "requires_action") {
        var action = await stripe.confirmCardPayment(outcome.client_secret);
        if (action && action.error) {
          showNotice("error", cardMessage(action.error) + " Check the details or use another card.");
          return;
        }
        outcome = await waitForOutcome();
      } else if (outcome.status === "processing") {
        outcome = await waitForOutcome();
      }
      report(outcome);
    } catch (err) {
      showNotice("error", "The payment could not be sent. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  });
})();
