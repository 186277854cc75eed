using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Availability;
using Agenda.Storage.Bookings;
using Agenda.Storage.Calendars;
using Agenda.Storage.MeetingTypes;
using Agenda.Storage.Outbox;
using Agenda.Storage.Owners;
using Agenda.Storage.Teams;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// The aggregate stores in all their roles, with every call timed by <see cref="StoreMetrics"/> under an operation named after the
/// role's method. One place measures, so the SQL store stays about SQL; a new role method does not compile until it
/// is named here.
/// </summary>
internal sealed class TimedStore(
    OwnerStore owners, AvailabilityStore availability, MeetingTypeStore meetingTypes, BookingStore bookings, TeamStore teams, OutboxStore outbox, CalendarStore calendars, StoreMetrics metrics)
    : IOwnerStore, IApiKeyStore, IFeedStore, IAvailabilityStore, IMeetingTypeStore, IScheduleReader, IBookingStore, IIdempotentBookingStore, IHoldStore,
        IOutboxStore, IWebhookEndpointStore, IDeliveryLogStore, INotificationSettingsStore, IKeyRingStore, ICalendarConnectionStore, ITeamStore, ITeamBookingStore
{
    // IOwnerStore
    public Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_owner", () => owners.CreateOwnerAsync(ownerId, displayName, zone, now, cancellationToken));

    public Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_owner", () => owners.FindOwnerAsync(ownerId, cancellationToken));

    public Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_owner", () => owners.UpdateOwnerAsync(ownerId, displayName, zone, cancellationToken));

    // IApiKeyStore
    public Task<OwnerWrite> AddApiKeyAsync(string ownerId, string keyId, string secretHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_api_key", () => owners.AddApiKeyAsync(ownerId, keyId, secretHash, now, cancellationToken));

    public Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_api_key", () => owners.FindApiKeyAsync(keyId, cancellationToken));

    public Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_api_keys", () => owners.ListApiKeysAsync(ownerId, cancellationToken));

    public Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("revoke_api_key", () => owners.RevokeApiKeyAsync(ownerId, keyId, now, cancellationToken));

    // IFeedStore
    public Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_feed_token", () => owners.SetFeedTokenHashAsync(ownerId, tokenHash, cancellationToken));

    public Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_owner_by_feed_token", () => owners.FindOwnerByFeedTokenHashAsync(tokenHash, cancellationToken));

    // IAvailabilityStore
    public Task<OwnerWrite> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_rules", () => availability.AddRulesAsync(ownerId, rules, now, cancellationToken));

    public Task<IReadOnlyList<DateRangeRule>?> GetRulesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_rules", () => availability.GetRulesAsync(ownerId, cancellationToken));

    public Task<OwnerWrite> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_rules", () => availability.ReplaceRulesAsync(ownerId, rules, cancellationToken));

    public Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_weekly_hours", () => availability.GetWeeklyHoursAsync(ownerId, cancellationToken));

    public Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_weekly_hours", () => availability.ReplaceWeeklyHoursAsync(ownerId, hours, cancellationToken));

    public Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_overrides", () => availability.GetOverridesAsync(ownerId, cancellationToken));

    public Task<OwnerWrite> PutOverrideAsync(string ownerId, DateOverride dateOverride, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("put_override", () => availability.PutOverrideAsync(ownerId, dateOverride, cancellationToken));

    public Task<bool> DeleteOverrideAsync(string ownerId, LocalDate date, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_override", () => availability.DeleteOverrideAsync(ownerId, date, cancellationToken));

    // IMeetingTypeStore
    public Task<OwnerWrite> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_meeting_type", () => meetingTypes.CreateMeetingTypeAsync(ownerId, meetingType, now, cancellationToken));

    public Task<MeetingTypeLookup> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_meeting_type", () => meetingTypes.FindMeetingTypeAsync(ownerId, slug, cancellationToken));

    public Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_meeting_types", () => meetingTypes.ListMeetingTypesAsync(ownerId, cancellationToken));

    public Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_meeting_type", () => meetingTypes.ReplaceMeetingTypeAsync(ownerId, meetingType, cancellationToken));

    public Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_meeting_type", () => meetingTypes.DeleteMeetingTypeAsync(ownerId, slug, cancellationToken));

    // IScheduleReader
    public Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("load_schedule", () => bookings.LoadScheduleAsync(ownerId, dates, now, cancellationToken));

    // IBookingStore
    public Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book", () => bookings.BookAsync(ownerId, request, type, typeKey, now, cancellationToken));

    public Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_booking", () => bookings.GetBookingAsync(bookingId, cancellationToken));

    public Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_booking_history", () => bookings.GetBookingHistoryAsync(bookingId, cancellationToken));

    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("cancel", () => bookings.CancelAsync(bookingId, cancelledBy, reason, now, cancellationToken));

    public Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("reschedule", () => bookings.RescheduleAsync(bookingId, newStart, now, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_bookings", () => bookings.ListBookingsAsync(ownerId, query, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_upcoming", () => bookings.ListUpcomingAsync(ownerId, now, cancellationToken));

    // IOutboxStore
    public Task<OwnerWrite> AddEndpointAsync(StoredEndpoint endpoint, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_endpoint", () => outbox.AddEndpointAsync(endpoint, cancellationToken));

    public Task<IReadOnlyList<StoredEndpoint>?> ListEndpointsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_endpoints", () => outbox.ListEndpointsAsync(ownerId, cancellationToken));

    public Task<StoredEndpoint?> FindEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_endpoint", () => outbox.FindEndpointAsync(ownerId, endpointId, cancellationToken));

    public Task<bool> UpdateEndpointAsync(string ownerId, string endpointId, string url, IReadOnlyList<string> eventTypes, bool enabled, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_endpoint", () => outbox.UpdateEndpointAsync(ownerId, endpointId, url, eventTypes, enabled, cancellationToken));

    public Task<bool> RotateSecretAsync(string ownerId, string endpointId, string secret, Instant previousExpiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("rotate_endpoint_secret", () => outbox.RotateSecretAsync(ownerId, endpointId, secret, previousExpiresAt, cancellationToken));

    public Task<bool> DeleteEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_endpoint", () => outbox.DeleteEndpointAsync(ownerId, endpointId, cancellationToken));

    public Task<IReadOnlyList<DeliveryLog>?> ListDeliveriesAsync(string ownerId, string endpointId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_deliveries", () => outbox.ListDeliveriesAsync(ownerId, endpointId, limit, cancellationToken));

    public Task<IReadOnlyList<DeliveryLog>> ListConnectionDeliveriesAsync(string ownerId, string connectionId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_connection_deliveries", () => outbox.ListConnectionDeliveriesAsync(ownerId, connectionId, limit, cancellationToken));

    public Task<IReadOnlyList<EmailDeliveryLog>?> ListEmailDeliveriesAsync(string ownerId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_email_deliveries", () => outbox.ListEmailDeliveriesAsync(ownerId, limit, cancellationToken));

    public Task<bool> RedeliverAsync(string ownerId, string endpointId, string deliveryId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("redeliver", () => outbox.RedeliverAsync(ownerId, endpointId, deliveryId, now, cancellationToken));

    public Task<int> FanOutAsync(Instant now, int limit, EmailPlan? email, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("fan_out", () => outbox.FanOutAsync(now, limit, email, cancellationToken));

    public Task<NotificationSettings?> GetNotificationSettingsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_notification_settings", () => outbox.GetNotificationSettingsAsync(ownerId, cancellationToken));

    public Task<bool> SetNotificationSettingsAsync(string ownerId, NotificationSettings settings, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_notification_settings", () => outbox.SetNotificationSettingsAsync(ownerId, settings, cancellationToken));

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("claim_deliveries", () => outbox.ClaimDueAsync(now, lease, limit, cancellationToken));

    public Task RecordAttemptAsync(AttemptRecord attempt, NextStep next, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("record_attempt", async () =>
        {
            await outbox.RecordAttemptAsync(attempt, next, cancellationToken);
            return true;
        });

    public Task<OutboxDepth> MeasureAsync(Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("measure_outbox", () => outbox.MeasureAsync(now, cancellationToken));

    // ICalendarConnectionStore
    public Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_calendar_connection", () => calendars.AddConnectionAsync(connection, cancellationToken));

    public Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_calendar_connections", () => calendars.ListConnectionsAsync(ownerId, cancellationToken));

    public Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_calendar_connection", () => calendars.FindConnectionAsync(ownerId, connectionId, cancellationToken));

    public Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_calendar_connection", () => calendars.UpdateConnectionAsync(ownerId, connectionId, settings, cancellationToken));

    public Task<bool> DeleteConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_calendar_connection", () => calendars.DeleteConnectionAsync(ownerId, connectionId, cancellationToken));

    public Task<IReadOnlyList<StoredConnection>> ClaimForSyncAsync(Instant now, Duration lease, int max, string? ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("claim_calendar_sync", () => calendars.ClaimForSyncAsync(now, lease, max, ownerId, cancellationToken));

    public Task<bool> RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("record_calendar_sync", () => calendars.RecordSyncAsync(record, cancellationToken));

    public Task<int> MarkStaleAsync(Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("mark_calendars_stale", () => calendars.MarkStaleAsync(now, cancellationToken));

    public Task<IReadOnlySet<string>> OwnersWithConnectionsAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("owners_with_calendars", () => calendars.OwnersWithConnectionsAsync(cancellationToken));

    public Task<IReadOnlyDictionary<string, long>> CountConnectionsByStateAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("count_calendar_connections", () => calendars.CountConnectionsByStateAsync(cancellationToken));

    // IKeyRingStore
    public Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("read_key_ring", () => owners.ReadKeyRingAsync(cancellationToken));

    public Task AddToKeyRingAsync(string name, string xml, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_to_key_ring", async () =>
        {
            await owners.AddToKeyRingAsync(name, xml, now, cancellationToken);
            return true;
        });

    // IHoldStore
    public Task<HoldAttempt> HoldAsync(string ownerId, string holdId, Slot slot, MeetingType type, string typeKey, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("hold", () => bookings.HoldAsync(ownerId, holdId, slot, type, typeKey, now, expiresAt, cancellationToken));

    public Task<bool> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("release_hold", () => bookings.ReleaseHoldAsync(holdId, cancellationToken));

    // IIdempotentBookingStore
    public Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_idempotently", () => bookings.BookIdempotentlyAsync(ownerId, request, type, typeKey, now, key, payload, cancellationToken));

    // ITeamStore
    public Task<TeamWrite> CreateTeamAsync(string teamId, string name, string firstMemberId, string joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_team", () => teams.CreateTeamAsync(teamId, name, firstMemberId, joinCodeHash, now, cancellationToken));

    public Task<StoredTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_team", () => teams.GetTeamAsync(teamId, cancellationToken));

    public Task<IReadOnlyList<StoredTeam>> ListTeamsOfAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_teams", () => teams.ListTeamsOfAsync(ownerId, cancellationToken));

    public Task<TeamWrite> JoinTeamAsync(string teamId, string ownerId, string? joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("join_team", () => teams.JoinTeamAsync(teamId, ownerId, joinCodeHash, now, cancellationToken));

    public Task<TeamWrite> LeaveTeamAsync(string teamId, string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("leave_team", () => teams.LeaveTeamAsync(teamId, ownerId, cancellationToken));

    public Task<bool> SetJoinCodeAsync(string teamId, string joinCodeHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_join_code", () => teams.SetJoinCodeAsync(teamId, joinCodeHash, cancellationToken));

    public Task<TeamWrite> SetAbsencesAsync(string teamId, string ownerId, IReadOnlyList<Interval> periods, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_absences", () => teams.SetAbsencesAsync(teamId, ownerId, periods, cancellationToken));

    public Task<TeamWrite> SaveTeamMeetingTypeAsync(string teamId, StoredTeamMeetingType meetingType, bool create, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("save_team_meeting_type", () => teams.SaveTeamMeetingTypeAsync(teamId, meetingType, create, now, cancellationToken));

    public Task<bool> DeleteTeamMeetingTypeAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_team_meeting_type", () => teams.DeleteTeamMeetingTypeAsync(teamId, slug, cancellationToken));

    public Task<TeamBookingAttempt> BookTeamAsync(string teamId, string slug, BookingRequest request, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_team", () => teams.BookTeamAsync(teamId, slug, request, now, cancellationToken));

    public Task<IdempotentTeamBooking> BookTeamIdempotentlyAsync(
        string teamId, string slug, BookingRequest request, Instant now, IdempotencyKey key, Func<IReadOnlyList<StoredBooking>, string> payload, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_team_idempotently", () => teams.BookTeamIdempotentlyAsync(teamId, slug, request, now, key, payload, cancellationToken));

    public Task<HoldAttempt?> HoldTeamAsync(string teamId, string slug, string holdId, Slot slot, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("hold_team", () => teams.HoldTeamAsync(teamId, slug, holdId, slot, now, expiresAt, cancellationToken));

    public Task<IReadOnlyList<TeamBookingListing>?> ListTeamBookingsAsync(string teamId, BookingQuery query, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_team_bookings", () => teams.ListTeamBookingsAsync(teamId, query, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>> GetTeamBookingAsync(string teamBookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_team_booking", () => teams.GetTeamBookingAsync(teamBookingId, cancellationToken));
}
