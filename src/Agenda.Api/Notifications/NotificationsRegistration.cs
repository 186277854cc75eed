using Agenda.Api.Calendars.Sync;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Outbound;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

internal static class NotificationsRegistration
{
    /// <summary>
    /// The outbox dispatcher and webhooks: <c>Outbox:PollMilliseconds</c> (default 500), <c>Webhooks:TimeoutSeconds</c>
    /// (default 10), <c>Webhooks:AllowPrivateTargets</c> (default false: only public addresses, over https).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var poll = configuration.GetValue("Outbox:PollMilliseconds", 500);
        var timeout = configuration.GetValue("Webhooks:TimeoutSeconds", 10);
        if (poll is < 10 or > 60_000)
        {
            throw new InvalidOperationException($"Outbox:PollMilliseconds is {poll}; it must be from 10 to 60000.");
        }

        if (timeout is < 1 or > 60)
        {
            throw new InvalidOperationException($"Webhooks:TimeoutSeconds is {timeout}; it must be from 1 to 60.");
        }

        var options = new OutboxOptions(
            TimeSpan.FromMilliseconds(poll), Duration.FromSeconds(timeout + 5), TimeSpan.FromSeconds(timeout), configuration.GetValue("Webhooks:AllowPrivateTargets", false));
        var targets = new WebhookTargets(options.AllowPrivateTargets);
        services.AddSingleton(options);
        services.AddSingleton(targets);
        services.AddSingleton(new RetrySchedule(Random.Shared));
        services.AddSingleton<OutboxMetrics>();
        services.AddHttpClient<WebhookSender>(WebhookSender.ClientName, http => http.Timeout = options.AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = targets.ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // No request logging: owners put tokens in webhook URLs, and HttpClient's own log lines carry the whole URL.
            .RemoveAllLoggers();
        var email = EmailOptions.Read(configuration);
        services.AddSingleton(new EmailAvailability(email is not null));
        if (email is not null)
        {
            // Mail about accounts (Accounts/AccountMailer) goes through the same server.
            services.AddSingleton(new EmailSender(email, options.AttemptTimeout));
            services.AddSingleton(email);
        }

        // Bookings written into owners' calendars use the calendar reader's client and secrets (AddCalendars).
        services.AddSingleton(new EmailSenderAddress(email is null ? null : MimeKit.MailboxAddress.Parse(email.From).Address));
        services.AddSingleton<MeetingNames>();
        // Failing e-mail degrades /readyz (still 200); see EmailHealth.
        services.AddSingleton<EmailHealth>();
        services.AddHealthChecks().AddCheck<EmailHealth>("email", tags: [Storage.StorageRegistration.ReadyTag]);
        var publicBaseUrl = BookingLinks.ReadPublicBaseUrl(configuration);
        services.AddSingleton(s => new BookingLinks(s.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), publicBaseUrl));
        services.AddSingleton(s => new CalendarWriteBack(
            s.GetRequiredService<ICalendarConnectionStore>(), s.GetRequiredService<IBookingStore>(), s.GetRequiredService<CalendarSecrets>(),
            s.GetRequiredService<IHttpClientFactory>(), options, s.GetRequiredService<TimeProvider>(), s.GetRequiredService<MeetingNames>()));
        services.AddSingleton<CalendarNotices>();
        services.AddSingleton<OwnerNotifications>();
        services.AddSingleton(s => new OutboxDispatcher(
            s.GetRequiredService<IOutboxStore>(), s.GetRequiredService<IBookingStore>(), s.GetRequiredService<IOwnerStore>(), s.GetRequiredService<WebhookSender>(),
            s.GetService<EmailSender>(), s.GetRequiredService<CalendarWriteBack>(), s.GetRequiredService<RetrySchedule>(),
            s.GetRequiredService<OutboxMetrics>(), options, email, s.GetRequiredService<MeetingNames>(), s.GetRequiredService<BookingLinks>(),
            s.GetRequiredService<EmailHealth>(), s.GetRequiredService<TimeProvider>(),
            s.GetRequiredService<ILogger<OutboxDispatcher>>(), s.GetRequiredService<CalendarNotices>(), s.GetRequiredService<IOwnerBrandingStore>(),
            s.GetRequiredService<ISeriesStore>(), s.GetServices<IOutboxRoundStep>()));
        services.AddHostedService(s => s.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
