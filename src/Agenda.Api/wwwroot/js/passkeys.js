// Passkeys (WebAuthn): the console's passkeys page makes one (form[data-passkey-create]), the sign-in page signs in with
// one (form[data-passkey-get]). Each form asks its page for the options (a POST with the antiforgery token; the server
// keeps the challenge), lets the browser do the ceremony, puts the browser's answer as JSON in the form's "credential"
// field and sends the form as usual. Without WebAuthn's JSON helpers the forms stay hidden and the pages work without them.
(function () {
  "use strict";

  var supported = typeof window.PublicKeyCredential === "function" &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function" &&
    !!navigator.credentials;

  function fetchOptions(form) {
    var token = form.querySelector("input[name=__RequestVerificationToken]");
    return fetch(form.getAttribute("data-options"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "RequestVerificationToken": token ? token.value : "" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("options " + response.status); }
      return response.json();
    });
  }

  function wire(form, ceremony) {
    var error = form.querySelector("[data-passkey-error]");
    var button = form.querySelector("button[type=submit]");
    var busy = false;

    function fail(problem) {
      busy = false;
      button.removeAttribute("aria-disabled");
      // A closed or timed-out browser window is NotAllowedError (or AbortError); a device that has a passkey for the
      // account already (one the options exclude) is InvalidStateError; anything else did not work.
      var name = problem && problem.name;
      var text = name === "NotAllowedError" || name === "AbortError" ? form.getAttribute("data-cancelled")
        : name === "InvalidStateError" && form.hasAttribute("data-exists") ? form.getAttribute("data-exists")
        : form.getAttribute("data-failed");
      error.textContent = text;
      error.hidden = false;
    }

    // form.submit() below sends the form without this event, so every submit by the person starts a ceremony.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      button.setAttribute("aria-disabled", "true");
      error.hidden = true;
      fetchOptions(form)
        .then(ceremony)
        .then(function (credential) {
          form.credential.value = JSON.stringify(credential.toJSON());
          form.submit();
        })
        .catch(fail);
    });

    // Back to a page kept in the browser's cache: the answer sent already is of no use again.
    window.addEventListener("pageshow", function () {
      form.credential.value = "";
      busy = false;
      button.removeAttribute("aria-disabled");
    });

    form.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-passkey-create]"), function (form) {
    if (!supported) { return; }
    var note = document.querySelector("[data-passkeys-unsupported]");
    if (note) { note.hidden = true; }
    wire(form, function (options) {
      return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-passkey-get]"), function (form) {
    if (!supported) { return; }
    wire(form, function (options) {
      return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    });
  });
})();
