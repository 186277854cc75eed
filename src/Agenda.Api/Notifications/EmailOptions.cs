using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// E-mail over SMTP: <c>Email:Smtp:Host</c> turns it on (off when unset, which the service says at start-up),
/// <c>Email:Smtp:Port</c> (default 587), <c>Email:Smtp:Security</c> (<c>StartTls</c> default, <c>SslOnConnect</c>,
/// <c>None</c> for a relay on the same machine), <c>Email:Smtp:Username</c>/<c>Password</c> (optional), <c>Email:From</c>
/// (required with a host) and <c>Email:ReminderMinutes</c> (default 1440, a day; 0 for no reminders).
/// </summary>
internal sealed record EmailOptions(string Host, int Port, MailKit.Security.SecureSocketOptions Security, string? Username, string? Password, string From, Duration? ReminderLead)
{
    public static EmailOptions? Read(IConfiguration configuration)
    {
        var host = configuration["Email:Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var from = configuration["Email:From"];
        if (string.IsNullOrWhiteSpace(from) || !MimeKit.MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException("Email:From must be the sender's address (such as 'Agenda <agenda@example.com>') when Email:Smtp:Host is set.");
        }

        var port = configuration.GetValue("Email:Smtp:Port", 587);
        if (port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Email:Smtp:Port is {port}; it must be a port number, 1 to 65535.");
        }

        var security = configuration["Email:Smtp:Security"] ?? "StartTls";
        var secureSocket = security.ToUpperInvariant() switch
        {
            "STARTTLS" => MailKit.Security.SecureSocketOptions.StartTls,
            "SSLONCONNECT" => MailKit.Security.SecureSocketOptions.SslOnConnect,
            "NONE" => MailKit.Security.SecureSocketOptions.None,
            _ => throw new InvalidOperationException($"Email:Smtp:Security is '{security}'; it must be StartTls, SslOnConnect or None."),
        };
        var reminder = configuration.GetValue("Email:ReminderMinutes", 1440);
        if (reminder is < 0 or > 60 * 24 * 14)
        {
            throw new InvalidOperationException($"Email:ReminderMinutes is {reminder}; it must be from 0 (no reminders) to 20160 (two weeks).");
        }

        return new EmailOptions(host, port, secureSocket, configuration["Email:Smtp:Username"], configuration["Email:Smtp:Password"], from,
            reminder == 0 ? null : Duration.FromMinutes(reminder));
    }
}

/// <summary>Whether this service sends e-mail (SMTP is configured), for pages that say so.</summary>
internal sealed record EmailAvailability(bool Enabled);
