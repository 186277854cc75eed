using System.Security.Cryptography;
using System.Text;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// The account's sign-in record (the console's security page shows it): sign-ins and failed attempts, changes of
/// password, passkeys and two-factor. A browser is known by a random device cookie (kept as a hash); the first sign-in
/// from a browser the account has not used before is recorded as a new device and, when mail is available, told to
/// the account's address.
/// </summary>
internal sealed class SignInRecord(IAccountActivityStore activity, IHttpContextAccessor http, AccountMailer mailer, TimeProvider time)
{
    public const string DeviceCookie = "agenda_device";

    /// <summary>Adds a line to the account's record, with this request's device, address and browser.</summary>
    public Task RecordAsync(string accountId, string kind, string? detail, CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        return activity.RecordAsync(new AccountEvent(
            Guid.CreateVersion7().ToString("N"), accountId, kind, Instant.FromDateTimeOffset(time.GetUtcNow()), context is null ? null : Device(context),
            context?.Connection.RemoteIpAddress?.ToString(), Shorten(context?.Request.Headers.UserAgent.ToString()), detail), cancellationToken);
    }

    /// <summary>
    /// Records a sign-in by <paramref name="method"/>; a browser the account has not signed in from before is recorded
    /// (and told) as new. True for the account's first sign-in ever, which leads to the setup page.
    /// </summary>
    public async Task<bool> SignedInAsync(Account account, string method, CancellationToken cancellationToken)
    {
        var context = http.HttpContext;
        var device = context is null ? null : Device(context);
        // Asked of every sign-in ever, not of the latest events: fifty failed attempts must not make a sign-in look like the first.
        var first = !await activity.HasSignedInAsync(account.Id, null, cancellationToken);
        if (device is not null && !first && !await activity.HasSignedInAsync(account.Id, device, cancellationToken))
        {
            await RecordAsync(account.Id, "new_device", null, cancellationToken);
            if (mailer.Available)
            {
                await mailer.NewDeviceAsync(account.Email, Shorten(context!.Request.Headers.UserAgent.ToString()) ?? "?", cancellationToken);
            }
        }

        await RecordAsync(account.Id, "signed_in", method, cancellationToken);
        return first;
    }

    public Task<IReadOnlyList<AccountEvent>> ListAsync(string accountId, CancellationToken cancellationToken) => activity.ListEventsAsync(accountId, 50, cancellationToken);

    /// <summary>The hash of this browser's device cookie, set now if it has none (a year, only for the console, never readable by script).</summary>
    private static string Device(HttpContext context)
    {
        if (context.Items[DeviceCookie] is string known)
        {
            return known;
        }

        var id = context.Request.Cookies[DeviceCookie];
        if (id is not { Length: 43 })
        {
            id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var options = ConsoleCookie.Session().Build(context, DateTimeOffset.UtcNow);
            options.Expires = DateTimeOffset.UtcNow.AddYears(1);
            options.SameSite = SameSiteMode.Lax;
            context.Response.Cookies.Append(DeviceCookie, id, options);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        context.Items[DeviceCookie] = hash;
        return hash;
    }

    private static string? Shorten(string? text) => string.IsNullOrEmpty(text) ? null : text.Length <= 200 ? text : text[..200];
}
