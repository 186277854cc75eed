using System.Security.Cryptography;
using Agenda.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// The invitee's link to manage a booking, for the e-mail they receive: <c>{PublicBaseUrl}/booking/{id}?token=bkt_…</c>.
/// The management token itself is stored only as a hash, so the e-mail cannot carry it; the link carries a token of its
/// own instead, sealed with the service's data-protection keys (kept in the database, so every node opens it) and bound to
/// the booking's id and its management token's hash. It opens what the management token opens, for that booking only,
/// and starts with <c>bkt_</c>, so the log redactor removes it like any booking token.
/// </summary>
internal sealed class BookingLinks(IDataProtectionProvider protection, Uri? publicBaseUrl)
{
    private readonly IDataProtector protector = protection.CreateProtector("Agenda.BookingLinks.v1");

    /// <summary>A purpose of its own: a token that answers a request never opens the booking as the invitee's does.</summary>
    private readonly IDataProtector answers = protection.CreateProtector("Agenda.BookingLinks.v1.Answer");

    /// <summary>The manage page's path for a booking and a token that opens it (the booking page serves it).</summary>
    public static string ManagePath(string bookingId, string token) =>
        $"/booking/{Uri.EscapeDataString(bookingId)}?token={Uri.EscapeDataString(token)}";

    /// <summary>Whether links can be made: <c>PublicBaseUrl</c> is set.</summary>
    public bool Available => publicBaseUrl is not null;

    /// <summary><c>PublicBaseUrl</c>, the address invitees reach the service by; null without it.</summary>
    public Uri? PublicBase => publicBaseUrl;

    /// <summary>The public address of one of the service's paths (<c>/link/…</c>), or null without <c>PublicBaseUrl</c>.</summary>
    public string? Absolute(string path) => publicBaseUrl is null ? null : new Uri(publicBaseUrl, path.TrimStart('/')).AbsoluteUri;

    /// <summary>The manage page's address for the invitee, or null without <c>PublicBaseUrl</c> or for a booking made without a management token.</summary>
    public string? ManageLink(StoredBooking booking)
    {
        if (publicBaseUrl is null || booking.ManageTokenHash is not { } hash)
        {
            return null;
        }

        return new Uri(publicBaseUrl, ManagePath(booking.Id, ManageToken(booking)!).TrimStart('/')).AbsoluteUri;
    }

    /// <summary>
    /// A token that opens <paramref name="booking"/> as its management token does, and no other booking (bound to its id and
    /// token hash); null for a booking made without a management token. The manage page links a series' other meetings with it.
    /// </summary>
    public string? ManageToken(StoredBooking booking) =>
        booking.ManageTokenHash is { } hash ? BookingAccess.TokenPrefix + protector.Protect(Bound(booking.Id, hash)) : null;

    /// <summary>The prefix of the tokens of <see cref="AnswerLink"/>.</summary>
    public const string AnswerTokenPrefix = "apr_";

    /// <summary>The page's path that answers a request, with a token that opens it for that.</summary>
    public static string AnswerPath(string bookingId, string token) =>
        $"/booking/{Uri.EscapeDataString(bookingId)}/answer?token={Uri.EscapeDataString(token)}";

    /// <summary>
    /// For the owner's e-mail about a new request: the address of the page that confirms or declines it without signing
    /// in, or null without <c>PublicBaseUrl</c>. Its token opens that request's answer only (<see cref="OpensAnswer"/>).
    /// </summary>
    public string? AnswerLink(StoredBooking booking) =>
        publicBaseUrl is null ? null : new Uri(publicBaseUrl, AnswerPath(booking.Id, AnswerToken(booking)).TrimStart('/')).AbsoluteUri;

    /// <summary>The token of <see cref="AnswerLink"/>: the booking's id and creation, protected for answering only.</summary>
    public string AnswerToken(StoredBooking booking) => AnswerTokenPrefix + answers.Protect(AnswerBound(booking));

    /// <summary>Whether <paramref name="presented"/> is a token made by <see cref="AnswerToken"/> for this booking.</summary>
    public bool OpensAnswer(string? presented, StoredBooking booking)
    {
        if (presented is null || !presented.StartsWith(AnswerTokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return answers.Unprotect(presented[AnswerTokenPrefix.Length..]) == AnswerBound(booking);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string AnswerBound(StoredBooking booking) => $"{booking.Id}\n{booking.CreatedAt.ToUnixTimeTicks()}";

    /// <summary>Whether <paramref name="presented"/> opens the booking: its management token, or a link made for it by <see cref="ManageLink"/>.</summary>
    public bool Opens(string? presented, StoredBooking booking)
    {
        if (BookingAccess.IsManagementToken(presented, booking))
        {
            return true;
        }

        if (presented is null || booking.ManageTokenHash is not { } hash || !presented.StartsWith(BookingAccess.TokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            return protector.Unprotect(presented[BookingAccess.TokenPrefix.Length..]) == Bound(booking.Id, hash);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>PublicBaseUrl</c>: the service's address as invitees reach it, for links in e-mails (none when unset).</summary>
    public static Uri? ReadPublicBaseUrl(IConfiguration configuration)
    {
        var text = configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"PublicBaseUrl is '{text}'; it must be the service's public address, such as https://agenda.example.com/ (http or https, no query).");
        }

        // A base with a path (https://example.com/agenda) is a folder: links go beneath it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }

    private static string Bound(string bookingId, string tokenHash) => $"{bookingId}\n{tokenHash}";
}
