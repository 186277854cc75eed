using System.Globalization;

namespace Agenda.Api.Accounts;

/// <summary>
/// The words of accounts (their pages and their mail) in English and German, each key with both, as the console's.
/// The language is the request's UI culture; anything but German is English.
/// </summary>
internal static class AccountTexts
{
    private static readonly Dictionary<string, (string En, string De)> Texts = new()
    {
        ["Email"] = ("E-mail address", "E-Mail-Adresse"),
        ["Password"] = ("Password", "Passwort"),
        ["NewPassword"] = ("New password", "Neues Passwort"),
        ["CurrentPassword"] = ("Current password", "Aktuelles Passwort"),
        ["PasswordHint"] = ("At least {0} characters. A few unrelated words make a good one.", "Mindestens {0} Zeichen. Ein paar Wörter ohne Zusammenhang ergeben ein gutes."),
        ["YourName"] = ("Your name", "Ihr Name"),
        ["YourLink"] = ("Your booking page's address", "Adresse Ihrer Buchungsseite"),
        ["YourLinkHint"] = ("Lowercase letters, digits and dashes. Empty: made from your e-mail address.", "Kleinbuchstaben, Ziffern und Bindestriche. Leer: aus Ihrer E-Mail-Adresse gebildet."),
        ["SignInTitle"] = ("Sign in", "Anmelden"),
        ["SignIn"] = ("Sign in", "Anmelden"),
        ["SignInWithPasskey"] = ("Sign in with a passkey", "Mit einem Passkey anmelden"),
        ["Or"] = ("or", "oder"),
        ["ForgotPassword"] = ("Forgot your password?", "Passwort vergessen?"),
        ["NoAccountYet"] = ("No account yet?", "Noch kein Konto?"),
        ["CreateAccount"] = ("Create an account", "Konto anlegen"),
        ["CreateFirstAccount"] = ("Create the first account", "Das erste Konto anlegen"),
        ["FirstAccountIntro"] = ("This service has no accounts yet. The first one you create here administers it: it can invite others.", "Dieser Dienst hat noch kein Konto. Das erste, das Sie hier anlegen, verwaltet ihn und kann andere einladen."),
        ["SignUpTitle"] = ("Create your account", "Konto anlegen"),
        ["SignUpIntro"] = ("Publish when you are free and let people book you, in their time zone and yours.", "Veröffentlichen Sie, wann Sie frei sind, und lassen Sie sich buchen – in der Zeitzone Ihrer Gäste und Ihrer."),
        ["InvitedIntro"] = ("You were invited to {0}. Choose a password to create your account.", "Sie wurden zu {0} eingeladen. Wählen Sie ein Passwort, um Ihr Konto anzulegen."),
        ["HaveAccount"] = ("Have an account already?", "Schon ein Konto?"),
        ["SignUpClosed"] = ("New accounts are made by invitation only. Ask the administrator of this service to invite you.", "Neue Konten gibt es hier nur auf Einladung. Bitten Sie die Verwaltung dieses Dienstes um eine Einladung."),
        ["InviteNotUsable"] = ("This invitation cannot be used: it was used already, revoked, or it has expired. Ask for a new one.", "Diese Einladung gilt nicht mehr: Sie wurde schon benutzt, widerrufen oder ist abgelaufen. Bitten Sie um eine neue."),
        ["EmailInvalid"] = ("Enter an e-mail address, such as ana@example.com.", "Geben Sie eine E-Mail-Adresse an, etwa ana@example.com."),
        ["EmailTaken"] = ("There is an account with this address already. Sign in, or reset its password.", "Mit dieser Adresse gibt es schon ein Konto. Melden Sie sich an oder setzen Sie das Passwort zurück."),
        ["NameTooLong"] = ("Your name can have at most 100 characters.", "Ihr Name darf höchstens 100 Zeichen haben."),
        ["LinkInvalid"] = ("The address may have lowercase letters, digits and dashes (up to 63), and must not be one the service uses itself.", "Die Adresse darf Kleinbuchstaben, Ziffern und Bindestriche haben (bis 63) und keine sein, die der Dienst selbst nutzt."),
        ["LinkTaken"] = ("This address is taken. Choose another.", "Diese Adresse ist vergeben. Wählen Sie eine andere."),
        ["PasswordTooShort"] = ("The password is too short.", "Das Passwort ist zu kurz."),
        ["PasswordTooLong"] = ("The password is too long (at most 256 characters).", "Das Passwort ist zu lang (höchstens 256 Zeichen)."),
        ["PasswordRefused"] = ("This password cannot be used. Choose another.", "Dieses Passwort geht nicht. Wählen Sie ein anderes."),
        ["CheckMailTitle"] = ("Check your e-mail", "Sehen Sie in Ihr Postfach"),
        ["CheckMail"] = ("We sent a message to {0}. Open the link in it to go on. It can take a minute; look in the spam folder too.", "Wir haben eine Nachricht an {0} geschickt. Öffnen Sie den Link darin, um weiterzumachen. Das kann eine Minute dauern; sehen Sie auch im Spam-Ordner nach."),
        ["WrongPassword"] = ("The e-mail address or the password is not right.", "E-Mail-Adresse oder Passwort stimmen nicht."),
        ["LockedOut"] = ("Too many wrong attempts: this account is locked for 15 minutes. You can reset the password meanwhile.", "Zu viele falsche Versuche: Dieses Konto ist 15 Minuten gesperrt. Sie können das Passwort solange zurücksetzen."),
        ["Unconfirmed"] = ("Confirm your e-mail address first: open the link we sent you. Use \"Forgot your password?\" to have it sent again.", "Bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link, den wir geschickt haben. Über „Passwort vergessen?“ kommt er noch einmal."),
        ["ConfirmTitle"] = ("Confirm your e-mail address", "E-Mail-Adresse bestätigen"),
        ["ConfirmButton"] = ("Confirm my address", "Meine Adresse bestätigen"),
        ["Confirmed"] = ("Your e-mail address is confirmed. You can sign in now.", "Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden."),
        ["ConfirmLinkInvalid"] = ("This link does not work: it was used already, mistyped, or it has expired. Sign in, or ask for a new link with \"Forgot your password?\".", "Dieser Link funktioniert nicht: schon benutzt, unvollständig oder abgelaufen. Melden Sie sich an oder fordern Sie über „Passwort vergessen?“ einen neuen an."),
        ["ForgotTitle"] = ("Reset your password", "Passwort zurücksetzen"),
        ["ForgotIntro"] = ("Enter your account's address. We send a link to set a new password.", "Geben Sie die Adresse Ihres Kontos an. Wir schicken einen Link, mit dem Sie ein neues Passwort setzen."),
        ["SendLink"] = ("Send the link", "Link schicken"),
        ["ForgotNoMail"] = ("This service sends no e-mail, so it cannot send a reset link. Ask its administrator to help.", "Dieser Dienst verschickt keine E-Mails und kann daher keinen Link schicken. Wenden Sie sich an seine Verwaltung."),
        ["ForgotSent"] = ("If {0} has an account here, a link to reset its password is on its way. The link works for a day, once.", "Wenn {0} hier ein Konto hat, ist ein Link zum Zurücksetzen unterwegs. Er gilt einen Tag lang, einmal."),
        ["ResetTitle"] = ("Choose a new password", "Neues Passwort wählen"),
        ["SetPassword"] = ("Set the password", "Passwort setzen"),
        ["ResetLinkInvalid"] = ("This link does not work: it was used already, mistyped, or it has expired. Ask for a new one.", "Dieser Link funktioniert nicht: schon benutzt, unvollständig oder abgelaufen. Fordern Sie einen neuen an."),
        ["PasswordReset"] = ("Your password is set. Sign in with it.", "Ihr Passwort ist gesetzt. Melden Sie sich damit an."),
        ["KeySignInTitle"] = ("Sign in with an API key", "Mit einem API-Schlüssel anmelden"),
        ["SecurityTitle"] = ("Sign-in and security", "Anmeldung und Sicherheit"),
        ["Security"] = ("Security", "Sicherheit"),
        ["Administration"] = ("Administration", "Verwaltung des Dienstes"),
        ["ChangePassword"] = ("Change the password", "Passwort ändern"),
        ["SetAPassword"] = ("Set a password", "Ein Passwort setzen"),
        ["PasswordChanged"] = ("Your password is changed; your other sessions have ended.", "Ihr Passwort ist geändert; Ihre anderen Sitzungen sind beendet."),
        ["CurrentPasswordWrong"] = ("The current password is not right.", "Das aktuelle Passwort stimmt nicht."),
        ["PasswordNotChanged"] = ("The password was not changed. Try again.", "Das Passwort wurde nicht geändert. Versuchen Sie es noch einmal."),
        ["AccountGone"] = ("This account no longer exists.", "Dieses Konto gibt es nicht mehr."),
        ["SignOutEverywhere"] = ("Sign out everywhere", "Überall abmelden"),
        ["SignOutEverywhereHint"] = ("Ends every session of your account, on every device, this one included.", "Beendet jede Sitzung Ihres Kontos auf jedem Gerät, auch diese."),
        ["KeySessionHasNoAccount"] = ("This session was made with an API key, which has no account: no password, passkeys or two-factor to manage here. Sign in with your account to see them.", "Diese Sitzung stammt von einem API-Schlüssel, der kein Konto hat: Hier gibt es kein Passwort, keine Passkeys und keinen zweiten Faktor zu verwalten. Melden Sie sich mit Ihrem Konto an, um sie zu sehen."),
        ["SignedInWith"] = ("Your account: {0}", "Ihr Konto: {0}"),
        ["OtherWaysIn"] = ("Other ways in", "Weitere Anmeldewege"),
        ["Passkeys"] = ("Passkeys", "Passkeys"),
        ["TwoFactor"] = ("Two-factor authentication", "Zwei-Faktor-Authentifizierung"),
        ["On"] = ("on", "an"),
        ["Off"] = ("off", "aus"),
        ["SignInRecord"] = ("Recent activity", "Letzte Aktivität"),
        ["When"] = ("When", "Wann"),
        ["What"] = ("What", "Was"),
        ["From"] = ("From", "Von"),
        ["Event.account_created"] = ("Account created", "Konto angelegt"),
        ["Event.email_confirmed"] = ("E-mail address confirmed", "E-Mail-Adresse bestätigt"),
        ["Event.signed_in"] = ("Signed in", "Angemeldet"),
        ["Event.sign_in_failed"] = ("Sign-in failed", "Anmeldung fehlgeschlagen"),
        ["Event.password_accepted"] = ("Password accepted, second step asked", "Passwort angenommen, zweiter Schritt verlangt"),
        ["Event.new_device"] = ("New device", "Neues Gerät"),
        ["Event.password_changed"] = ("Password changed", "Passwort geändert"),
        ["Event.password_reset"] = ("Password reset", "Passwort zurückgesetzt"),
        ["Event.signed_out_everywhere"] = ("Signed out everywhere", "Überall abgemeldet"),
        ["Event.passkey_added"] = ("Passkey added", "Passkey hinzugefügt"),
        ["Event.passkey_removed"] = ("Passkey removed", "Passkey entfernt"),
        ["Event.two_factor_enabled"] = ("Two-factor turned on", "Zwei-Faktor eingeschaltet"),
        ["Event.two_factor_disabled"] = ("Two-factor turned off", "Zwei-Faktor ausgeschaltet"),
        ["Event.two_factor_reset"] = ("Two-factor reset by an administrator", "Zwei-Faktor von der Verwaltung zurückgesetzt"),
        ["Event.recovery_codes_made"] = ("New recovery codes made", "Neue Wiederherstellungscodes erzeugt"),
        ["Event.login_linked"] = ("Single sign-on linked", "Single Sign-on verknüpft"),
        ["Event.deactivated"] = ("Deactivated by an administrator", "Von der Verwaltung deaktiviert"),
        ["Event.reactivated"] = ("Reactivated by an administrator", "Von der Verwaltung wieder aktiviert"),
        ["Event.made_administrator"] = ("Made administrator", "Zur Verwaltung ernannt"),
        ["Method.password"] = ("with the password", "mit dem Passwort"),
        ["Method.passkey"] = ("with a passkey", "mit einem Passkey"),
        ["Method.two_factor"] = ("with the password and an authenticator code", "mit Passwort und Code der Authenticator-App"),
        ["Method.recovery_code"] = ("with the password and a recovery code", "mit Passwort und Wiederherstellungscode"),
        ["Method.oidc"] = ("through single sign-on", "über Single Sign-on"),
        ["Method.locked_out"] = ("locked out", "gesperrt"),
        ["Method.not_allowed"] = ("not allowed (address not confirmed, or deactivated)", "nicht erlaubt (Adresse nicht bestätigt oder deaktiviert)"),

        // Passkeys and two-factor (texts below).

        // Single sign-on (texts below).
        ["SignInWith"] = ("Sign in with {0}", "Mit {0} anmelden"),
        ["SingleSignOnTitle"] = ("Single sign-on", "Single Sign-on"),
        ["SingleSignOnSignedIn"] = ("You are signed in. The console opens now.", "Sie sind angemeldet. Die Konsole öffnet sich jetzt."),
        ["SingleSignOnSecondStep"] = ("Your provider confirmed who you are. Your account asks for a second step next.", "Ihr Anbieter hat bestätigt, wer Sie sind. Ihr Konto verlangt als Nächstes einen zweiten Schritt."),
        ["Continue"] = ("Continue", "Weiter"),
        ["SingleSignOnLeaving"] = ("Taking you to {0} to sign in…", "Weiter zu {0} für die Anmeldung …"),
        ["SingleSignOnFailed"] = ("Single sign-on did not work: the answer from your provider was missing, expired or meant for another browser. Try again.", "Single Sign-on hat nicht geklappt: Die Antwort Ihres Anbieters fehlte, war abgelaufen oder für einen anderen Browser bestimmt. Versuchen Sie es noch einmal."),
        ["SingleSignOnCancelled"] = ("Single sign-on was cancelled or refused at your provider. You are not signed in.", "Single Sign-on wurde bei Ihrem Anbieter abgebrochen oder abgelehnt. Sie sind nicht angemeldet."),
        ["SingleSignOnUnavailable"] = ("Single sign-on cannot start: your provider does not answer. Try again later, or sign in another way.", "Single Sign-on kann nicht beginnen: Ihr Anbieter antwortet nicht. Versuchen Sie es später noch einmal oder melden Sie sich anders an."),
        ["SingleSignOnUnverified"] = ("Your provider did not confirm this address ({0}), so it cannot sign you in here. Confirm the address with your provider, or sign in another way.", "Ihr Anbieter hat diese Adresse ({0}) nicht bestätigt, daher kann er Sie hier nicht anmelden. Bestätigen Sie die Adresse bei Ihrem Anbieter oder melden Sie sich anders an."),
        ["SingleSignOnNoEmail"] = ("Your provider did not tell us your e-mail address, so no account can be found or made for you.", "Ihr Anbieter hat uns Ihre E-Mail-Adresse nicht mitgeteilt, daher lässt sich kein Konto für Sie finden oder anlegen."),
        ["SingleSignOnEmailInvalid"] = ("Your provider gave an address this service cannot use ({0}).", "Ihr Anbieter hat eine Adresse mitgeteilt, die dieser Dienst nicht verwenden kann ({0})."),
        ["SingleSignOnSignUpClosed"] = ("There is no account for {0} here, and new accounts are made by invitation only. Ask the administrator of this service to invite you.", "Für {0} gibt es hier kein Konto, und neue Konten gibt es nur auf Einladung. Bitten Sie die Verwaltung dieses Dienstes um eine Einladung."),
        ["SingleSignOnDeactivated"] = ("The account for {0} is deactivated: it cannot sign in. Ask the administrator of this service.", "Das Konto für {0} ist deaktiviert und kann sich nicht anmelden. Wenden Sie sich an die Verwaltung dieses Dienstes."),
        ["SingleSignOnOtherLink"] = ("The account for {0} is linked to another sign-in at your provider already, so this one cannot be linked to it. Ask the administrator of this service.", "Das Konto für {0} ist schon mit einer anderen Anmeldung bei Ihrem Anbieter verknüpft, daher lässt sich diese nicht damit verknüpfen. Wenden Sie sich an die Verwaltung dieses Dienstes."),
        ["SingleSignOnLockedOut"] = ("Too many wrong attempts: the account for {0} is locked for 15 minutes.", "Zu viele falsche Versuche: Das Konto für {0} ist 15 Minuten gesperrt."),
        ["SingleSignOnNotAllowed"] = ("The account for {0} cannot sign in yet: confirm its e-mail address first with the link we sent.", "Das Konto für {0} kann sich noch nicht anmelden: Bestätigen Sie zuerst seine E-Mail-Adresse über den Link, den wir geschickt haben."),

        // Administration (texts below).

        // Mail.
        ["MailConfirmSubject"] = ("Confirm your e-mail address", "Bestätigen Sie Ihre E-Mail-Adresse"),
        ["MailConfirmBody"] = ("Hello,\n\nplease confirm this address for your Agenda account by opening this link:\n\n{0}\n\nThe link works for a day, once. If you did not make an account, ignore this message.\n", "Hallo,\n\nbitte bestätigen Sie diese Adresse für Ihr Agenda-Konto über diesen Link:\n\n{0}\n\nDer Link gilt einen Tag lang, einmal. Wenn Sie kein Konto angelegt haben, ignorieren Sie diese Nachricht.\n"),
        ["MailResetSubject"] = ("Reset your password", "Passwort zurücksetzen"),
        ["MailResetBody"] = ("Hello,\n\nsomeone (we hope you) asked to reset the password of your Agenda account. Choose a new one here:\n\n{0}\n\nThe link works for a day, once. If it was not you, ignore this message: your password stays as it is.\n", "Hallo,\n\njemand (hoffentlich Sie) möchte das Passwort Ihres Agenda-Kontos zurücksetzen. Wählen Sie hier ein neues:\n\n{0}\n\nDer Link gilt einen Tag lang, einmal. Waren Sie es nicht, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.\n"),
        ["MailNoAccountSubject"] = ("No account with this address", "Kein Konto mit dieser Adresse"),
        ["MailNoAccountBody"] = ("Hello,\n\nsomeone (we hope you) asked to reset the password of an Agenda account with this address, but there is none. If you have an account under another address, ask again with that one. Or create one here:\n\n{0}\n", "Hallo,\n\njemand (hoffentlich Sie) möchte das Passwort eines Agenda-Kontos mit dieser Adresse zurücksetzen, aber es gibt keines. Haben Sie ein Konto unter einer anderen Adresse, fragen Sie damit erneut. Oder legen Sie hier eines an:\n\n{0}\n"),
        ["MailAccountExistsSubject"] = ("You have an account already", "Sie haben schon ein Konto"),
        ["MailAccountExistsBody"] = ("Hello,\n\nsomeone (we hope you) tried to create an Agenda account with this address, but it has one already. Sign in, or reset its password here:\n\n{0}\n", "Hallo,\n\njemand (hoffentlich Sie) wollte mit dieser Adresse ein Agenda-Konto anlegen, aber es gibt schon eines. Melden Sie sich an oder setzen Sie hier das Passwort zurück:\n\n{0}\n"),
        ["MailInviteSubject"] = ("You are invited to Agenda", "Einladung zu Agenda"),
        ["MailInviteBody"] = ("Hello,\n\n{1} invites you to make an account on Agenda, to publish when you are free and be booked. Create it here:\n\n{0}\n\nThe invitation works for a week, once.\n", "Hallo,\n\n{1} lädt Sie ein, ein Konto bei Agenda anzulegen, um zu veröffentlichen, wann Sie frei sind, und sich buchen zu lassen. Legen Sie es hier an:\n\n{0}\n\nDie Einladung gilt eine Woche lang, einmal.\n"),
        ["MailNewDeviceSubject"] = ("A new sign-in to your account", "Eine neue Anmeldung bei Ihrem Konto"),
        ["MailNewDeviceBody"] = ("Hello,\n\nyour Agenda account was just signed in to from a browser it had not used before ({1}). If it was you, all is well. If not, change your password and sign out everywhere here:\n\n{0}\n", "Hallo,\n\nbei Ihrem Agenda-Konto hat sich eben ein Browser angemeldet, der es vorher nicht benutzt hat ({1}). Waren Sie es, ist alles gut. Wenn nicht, ändern Sie Ihr Passwort und melden Sie sich hier überall ab:\n\n{0}\n"),
    };

    public static string Get(string key)
    {
        var (en, de) = Texts[key];
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? de : en;
    }

    public static string Format(string key, params object?[] values) => string.Format(CultureInfo.CurrentCulture, Get(key), values);

    public static bool Has(string key) => Texts.ContainsKey(key);
}
