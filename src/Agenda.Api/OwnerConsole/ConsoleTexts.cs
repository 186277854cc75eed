using System.Globalization;

namespace Agenda.Api.OwnerConsole;

/// <summary>
/// The console's words in English and German, each key with both, so a translation cannot be forgotten. The language
/// is the request's UI culture (set by the request localization of the pages); anything but German is English.
/// Texts with {0} are format strings; values put into them are escaped by Razor like any other text.
/// </summary>
public static class ConsoleTexts
{
    private static readonly Dictionary<string, (string En, string De)> Texts = new()
    {
        ["Console"] = ("Owner console", "Verwaltung"),
        ["MainNavigation"] = ("Console sections", "Bereiche der Verwaltung"),
        ["Overview"] = ("Overview", "Übersicht"),
        ["Hours"] = ("Weekly hours", "Wochenzeiten"),
        ["Overrides"] = ("Date overrides", "Abweichende Tage"),
        ["MeetingTypes"] = ("Meeting types", "Terminarten"),
        ["Bookings"] = ("Bookings", "Buchungen"),
        ["Keys"] = ("API keys", "API-Schlüssel"),
        ["Notifications"] = ("Notifications", "Benachrichtigungen"),
        ["SignIn"] = ("Sign in", "Anmelden"),
        ["SignOut"] = ("Sign out", "Abmelden"),
        ["SignedInAs"] = ("Signed in as {0}", "Angemeldet als {0}"),
        ["Save"] = ("Save", "Speichern"),
        ["Delete"] = ("Delete", "Löschen"),
        ["Remove"] = ("Remove", "Entfernen"),
        ["Cancel"] = ("Cancel", "Absagen"),
        ["Saved"] = ("Saved.", "Gespeichert."),
        ["Deleted"] = ("Deleted.", "Gelöscht."),
        ["ErrorSummary"] = ("Please correct the following:", "Bitte korrigieren:"),
        ["NotFound"] = ("Not found", "Nicht gefunden"),
        ["NotFoundDetail"] = ("There is nothing of yours at this address.", "Unter dieser Adresse gibt es nichts von Ihnen."),
        ["NotANumber"] = ("{0}: please enter a whole number.", "{0}: Bitte eine ganze Zahl eingeben."),
        ["OverrideNeedsDayOffOrHours"] = ("Choose a day off, or give the hours of that date (not both).", "Wählen Sie einen freien Tag oder geben Sie die Zeiten an (nicht beides)."),

        ["SignInTitle"] = ("Sign in to your console", "Bei der Verwaltung anmelden"),
        ["SignInIntro"] = ("Paste one of your API keys (agk_…). The console keeps a session cookie; the key itself is not stored in the browser.", "Fügen Sie einen Ihrer API-Schlüssel (agk_…) ein. Die Verwaltung merkt sich eine Sitzung per Cookie; der Schlüssel selbst bleibt nicht im Browser."),
        ["ApiKey"] = ("API key", "API-Schlüssel"),
        ["WrongKey"] = ("This key is not valid: it is unknown, mistyped or revoked.", "Dieser Schlüssel ist nicht gültig: unbekannt, vertippt oder widerrufen."),
        ["AdminKeyRefused"] = ("The administrator key belongs to no owner and cannot sign in here. Issue a key for the owner (POST /v1/owners/{id}/keys) and sign in with that.", "Der Administratorschlüssel gehört keiner Person und kann sich hier nicht anmelden. Stellen Sie einen Schlüssel für die Person aus (POST /v1/owners/{id}/keys) und melden Sie sich damit an."),
        ["OpenModeWarning"] = ("Open mode: this service runs without keys, for use on your own machine only. Anyone who can reach it can act as any owner.", "Offener Modus: Dieser Dienst läuft ohne Schlüssel, nur für den eigenen Rechner. Wer ihn erreicht, kann als jede Person handeln."),
        ["OwnerId"] = ("Owner id", "Personen-ID"),
        ["UnknownOwner"] = ("There is no owner with this id.", "Es gibt keine Person mit dieser ID."),
        ["NeedsHttps"] = ("This address is not loopback and not HTTPS: the browser will not keep the session cookie. Use HTTPS.", "Diese Adresse ist weder lokal noch HTTPS: Der Browser behält das Sitzungs-Cookie nicht. Nutzen Sie HTTPS."),

        ["OverviewTitle"] = ("Overview", "Übersicht"),
        ["Profile"] = ("Profile", "Profil"),
        ["DisplayName"] = ("Display name", "Anzeigename"),
        ["TimeZone"] = ("Time zone (IANA, such as Europe/Berlin)", "Zeitzone (IANA, etwa Europe/Berlin)"),
        ["ShareLinks"] = ("Links to share", "Links zum Teilen"),
        ["ShareLinksIntro"] = ("Invitees book you on these pages.", "Auf diesen Seiten buchen Gäste Termine bei Ihnen."),
        ["BookingPage"] = ("Your booking page", "Ihre Buchungsseite"),
        ["NoMeetingTypes"] = ("No meeting types yet.", "Noch keine Terminarten."),
        ["Feed"] = ("Calendar feed", "Kalender-Abo"),
        ["FeedIntro"] = ("A secret address your calendar app can subscribe to. It is shown once; creating a new one ends the old one.", "Eine geheime Adresse, die Ihre Kalender-App abonnieren kann. Sie wird einmal gezeigt; eine neue beendet die alte."),
        ["FeedIssue"] = ("Create a new feed address", "Neue Abo-Adresse erstellen"),
        ["FeedRevoke"] = ("Turn the feed off", "Abo abschalten"),
        ["FeedIssued"] = ("Your feed address (copy it now; it is not shown again):", "Ihre Abo-Adresse (jetzt kopieren; sie wird nicht wieder gezeigt):"),
        ["FeedRevoked"] = ("The feed is off; its address no longer works.", "Das Abo ist abgeschaltet; seine Adresse gilt nicht mehr."),

        ["HoursTitle"] = ("Weekly hours", "Wochenzeiten"),
        ["HoursIntro"] = ("Times in your zone ({0}), as HH:MM; an end may be 24:00. Leave a row empty for no hours.", "Zeiten in Ihrer Zone ({0}), als HH:MM; ein Ende darf 24:00 sein. Leere Zeilen bedeuten keine Zeiten."),
        ["From"] = ("From", "Von"),
        ["To"] = ("To", "Bis"),
        ["RangeN"] = ("Range {0}", "Zeitraum {0}"),
        ["Monday"] = ("Monday", "Montag"),
        ["Tuesday"] = ("Tuesday", "Dienstag"),
        ["Wednesday"] = ("Wednesday", "Mittwoch"),
        ["Thursday"] = ("Thursday", "Donnerstag"),
        ["Friday"] = ("Friday", "Freitag"),
        ["Saturday"] = ("Saturday", "Samstag"),
        ["Sunday"] = ("Sunday", "Sonntag"),

        ["OverridesTitle"] = ("Date overrides", "Abweichende Tage"),
        ["OverridesIntro"] = ("On a date with an override only the override counts: a day off, or other hours.", "An einem abweichenden Tag gilt nur die Abweichung: ein freier Tag oder andere Zeiten."),
        ["Date"] = ("Date (YYYY-MM-DD)", "Datum (JJJJ-MM-TT)"),
        ["DayOff"] = ("Day off", "Freier Tag"),
        ["AddOverride"] = ("Add an override", "Abweichung hinzufügen"),
        ["NoOverrides"] = ("No overrides.", "Keine Abweichungen."),
        ["OverrideHours"] = ("Hours on that date", "Zeiten an diesem Tag"),

        ["MeetingTypesTitle"] = ("Meeting types", "Terminarten"),
        ["CreateMeetingType"] = ("Create a meeting type", "Terminart anlegen"),
        ["EditMeetingType"] = ("Edit meeting type {0}", "Terminart {0} bearbeiten"),
        ["Edit"] = ("Edit", "Bearbeiten"),
        ["Slug"] = ("Slug (lowercase letters, digits and dashes; part of the link)", "Kürzel (Kleinbuchstaben, Ziffern, Bindestriche; Teil des Links)"),
        ["Title"] = ("Title", "Titel"),
        ["Duration"] = ("Duration (minutes)", "Dauer (Minuten)"),
        ["Step"] = ("Start every … minutes (empty: the duration)", "Beginn alle … Minuten (leer: die Dauer)"),
        ["BufferBefore"] = ("Buffer before (minutes)", "Puffer davor (Minuten)"),
        ["BufferAfter"] = ("Buffer after (minutes)", "Puffer danach (Minuten)"),
        ["Notice"] = ("Minimum notice (minutes)", "Mindestvorlauf (Minuten)"),
        ["Horizon"] = ("Bookable up to … days ahead (empty: no limit)", "Buchbar bis … Tage im Voraus (leer: ohne Grenze)"),
        ["MaxPerDay"] = ("At most … per day (empty: no limit)", "Höchstens … pro Tag (leer: ohne Grenze)"),
        ["Minutes"] = ("{0} min", "{0} Min."),
        ["DeleteMeetingTypeNote"] = ("Deleting a meeting type keeps its bookings.", "Beim Löschen einer Terminart bleiben ihre Buchungen erhalten."),

        ["BookingsTitle"] = ("Bookings", "Buchungen"),
        ["Upcoming"] = ("Upcoming", "Anstehend"),
        ["Past"] = ("Past", "Vergangen"),
        ["Cancelled"] = ("Cancelled", "Abgesagt"),
        ["NoBookings"] = ("No bookings here.", "Hier gibt es keine Buchungen."),
        ["Invitee"] = ("Invitee", "Gast"),
        ["Note"] = ("Note", "Notiz"),
        ["MeetingType"] = ("Meeting type", "Terminart"),
        ["CancelReason"] = ("Reason (optional)", "Grund (optional)"),
        ["CancelBooking"] = ("Cancel booking with {0}", "Buchung mit {0} absagen"),
        ["BookingCancelled"] = ("The booking was cancelled; its time is offered again.", "Die Buchung wurde abgesagt; ihre Zeit wird wieder angeboten."),
        ["NextPage"] = ("Next page", "Nächste Seite"),
        ["CancelledBy"] = ("Cancelled by {0}", "Abgesagt von {0}"),

        ["KeysTitle"] = ("API keys", "API-Schlüssel"),
        ["KeysIntro"] = ("Keys let programs act for you. A key is shown once, when it is issued; revoking one stops it at once.", "Schlüssel erlauben Programmen, für Sie zu handeln. Ein Schlüssel wird einmal gezeigt, beim Ausstellen; Widerrufen stoppt ihn sofort."),
        ["IssueKey"] = ("Issue a new key", "Neuen Schlüssel ausstellen"),
        ["KeyIssued"] = ("Your new key (copy it now; it is not shown again):", "Ihr neuer Schlüssel (jetzt kopieren; er wird nicht wieder gezeigt):"),
        ["Created"] = ("Created", "Erstellt"),
        ["Status"] = ("Status", "Status"),
        ["Active"] = ("Active", "Aktiv"),
        ["RevokedAt"] = ("Revoked {0}", "Widerrufen {0}"),
        ["Revoke"] = ("Revoke", "Widerrufen"),
        ["RevokeKey"] = ("Revoke key {0}", "Schlüssel {0} widerrufen"),
        ["ThisSession"] = ("(this session; revoking it signs you out)", "(diese Sitzung; Widerrufen meldet Sie ab)"),
        ["KeyRevoked"] = ("The key was revoked.", "Der Schlüssel wurde widerrufen."),

        ["NotificationsTitle"] = ("Notifications", "Benachrichtigungen"),
        ["EmailHeading"] = ("E-mail", "E-Mail"),
        ["EmailIntro"] = ("Each booking, cancellation and change is e-mailed to you at this address, and to the invitee, with a calendar invitation. Leave it empty to get no e-mail yourself.", "Jede Buchung, Absage und Änderung geht per E-Mail mit Kalendereinladung an diese Adresse und an den Gast. Leer lassen, wenn Sie selbst keine E-Mail möchten."),
        ["EmailOff"] = ("This service has no mail server configured, so no e-mail is sent yet; the address is kept for when it is.", "Dieser Dienst hat keinen Mailserver eingerichtet, daher wird noch keine E-Mail versandt; die Adresse bleibt dafür gespeichert."),
        ["NotifyEmail"] = ("Your e-mail address for booking notices", "Ihre E-Mail-Adresse für Buchungsnachrichten"),
        ["EmailLanguage"] = ("Language of the e-mail", "Sprache der E-Mails"),
        ["WebhooksHeading"] = ("Webhooks", "Webhooks"),
        ["WebhooksIntro"] = ("Programs of yours can be told of every booking event: each message is signed (Standard Webhooks) and retried for about three days until it is accepted.", "Ihre Programme können über jedes Buchungsereignis informiert werden: Jede Nachricht ist signiert (Standard Webhooks) und wird etwa drei Tage lang wiederholt, bis sie angenommen wird."),
        ["NoWebhooks"] = ("No webhook endpoints yet.", "Noch keine Webhook-Adressen."),
        ["AddWebhook"] = ("Add a webhook endpoint", "Webhook-Adresse hinzufügen"),
        ["WebhookUrl"] = ("Endpoint URL", "Adresse (URL)"),
        ["Events"] = ("Events", "Ereignisse"),
        ["booking.created"] = ("Booking made", "Buchung gemacht"),
        ["booking.cancelled"] = ("Booking cancelled", "Buchung abgesagt"),
        ["booking.rescheduled"] = ("Booking moved", "Buchung verschoben"),
        ["WebhookCreated"] = ("Added {0}. Its signing secret (copy it now; it is not shown again):", "{0} hinzugefügt. Das Signaturgeheimnis (jetzt kopieren; es wird nicht wieder gezeigt):"),
        ["WebhookDisabled"] = ("Off: {0}", "Aus: {0}"),
        ["ByYou"] = ("switched off by you", "von Ihnen ausgeschaltet"),
        ["WebhookFailingSince"] = ("Deliveries have been failing since {0}; the endpoint is switched off after three days of failures.", "Zustellungen schlagen seit {0} fehl; nach drei Tagen mit Fehlern wird die Adresse ausgeschaltet."),
        ["WebhookTitle"] = ("Webhook endpoint", "Webhook-Adresse"),
        ["BackToNotifications"] = ("Back to notifications", "Zurück zu den Benachrichtigungen"),
        ["WebhookSettings"] = ("Endpoint settings", "Einstellungen der Adresse"),
        ["WebhookOn"] = ("On (switching it on again clears why it was off)", "An (Einschalten löscht den Grund des Ausschaltens)"),
        ["RotateSecret"] = ("Make a new signing secret", "Neues Signaturgeheimnis erzeugen"),
        ["SecretRotated"] = ("The new signing secret (copy it now; it is not shown again). The old one signs too for 24 hours:", "Das neue Signaturgeheimnis (jetzt kopieren; es wird nicht wieder gezeigt). Das alte signiert noch 24 Stunden mit:"),
        ["DeleteWebhook"] = ("Delete this endpoint", "Diese Adresse löschen"),
        ["WebhookDeleted"] = ("The webhook endpoint was deleted.", "Die Webhook-Adresse wurde gelöscht."),
        ["Deliveries"] = ("Deliveries", "Zustellungen"),
        ["NoDeliveries"] = ("Nothing has been sent to this endpoint yet.", "An diese Adresse wurde noch nichts gesendet."),
        ["Delivery_pending"] = ("pending", "ausstehend"),
        ["Delivery_delivered"] = ("delivered", "zugestellt"),
        ["Delivery_failed"] = ("failed", "fehlgeschlagen"),
        ["NextAttempt"] = ("Next attempt", "Nächster Versuch"),
        ["MessageId"] = ("Message id (webhook-id)", "Nachrichten-ID (webhook-id)"),
        ["AttemptsOf"] = ("Attempts: {0}", "Versuche: {0}"),
        ["AttemptedAt"] = ("When", "Wann"),
        ["Response"] = ("Answer", "Antwort"),
        ["AttemptDuration"] = ("Duration", "Dauer"),
        ["Redeliver"] = ("Send again", "Erneut senden"),
        ["RedeliverOne"] = ("Send again: message {0}", "Erneut senden: Nachricht {0}"),
        ["RedeliveryQueued"] = ("The message will be sent again within moments.", "Die Nachricht wird gleich erneut gesendet."),
    };

    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    public static string Get(string key)
    {
        var (en, de) = Texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"The console has no text '{key}'.");
        return IsGerman ? de : en;
    }

    public static bool Has(string key) => Texts.ContainsKey(key);

    public static string Format(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    private static bool IsGerman => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de";
}
