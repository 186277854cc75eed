using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Relational;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// The store in all its roles, with every call timed by <see cref="StoreMetrics"/> under an operation named after the
/// role's method. One place measures, so the SQL store stays about SQL; a new role method does not compile until it
/// is named here.
/// </summary>
internal sealed class TimedStore(ScheduleStore store, StoreMetrics metrics)
    : IOwnerStore, IApiKeyStore, IFeedStore, IAvailabilityStore, IMeetingTypeStore, IScheduleReader, IBookingStore, IIdempotentBookingStore, IHoldStore,
        IOutboxStore, IWebhookEndpointStore, IDeliveryLogStore, INotificationSettingsStore, IKeyRingStore, ICalendarConnectionStore, ITeamStore, ITeamBookingStore
{
    // IOwnerStore
    public Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_owner", () => store.CreateOwnerAsync(ownerId, displayName, zone, now, cancellationToken));

    public Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_owner", () => store.FindOwnerAsync(ownerId, cancellationToken));

    public Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_owner", () => store.UpdateOwnerAsync(ownerId, displayName, zone, cancellationToken));

    // IApiKeyStore
    public Task<OwnerWrite> AddApiKeyAsync(string ownerId, string keyId, string secretHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_api_key", () => store.AddApiKeyAsync(ownerId, keyId, secretHash, now, cancellationToken));

    public Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_api_key", () => store.FindApiKeyAsync(keyId, cancellationToken));

    public Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_api_keys", () => store.ListApiKeysAsync(ownerId, cancellationToken));

    public Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("revoke_api_key", () => store.RevokeApiKeyAsync(ownerId, keyId, now, cancellationToken));

    // IFeedStore
    public Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_feed_token", () => store.SetFeedTokenHashAsync(ownerId, tokenHash, cancellationToken));

    public Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_owner_by_feed_token", () => store.FindOwnerByFeedTokenHashAsync(tokenHash, cancellationToken));

    // IAvailabilityStore
    public Task<OwnerWrite> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_rules", () => store.AddRulesAsync(ownerId, rules, now, cancellationToken));

    public Task<IReadOnlyList<DateRangeRule>?> GetRulesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_rules", () => store.GetRulesAsync(ownerId, cancellationToken));

    public Task<OwnerWrite> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_rules", () => store.ReplaceRulesAsync(ownerId, rules, cancellationToken));

    public Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_weekly_hours", () => store.GetWeeklyHoursAsync(ownerId, cancellationToken));

    public Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_weekly_hours", () => store.ReplaceWeeklyHoursAsync(ownerId, hours, cancellationToken));

    public Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_overrides", () => store.GetOverridesAsync(ownerId, cancellationToken));

    public Task<OwnerWrite> PutOverrideAsync(string ownerId, DateOverride dateOverride, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("put_override", () => store.PutOverrideAsync(ownerId, dateOverride, cancellationToken));

    public Task<bool> DeleteOverrideAsync(string ownerId, LocalDate date, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_override", () => store.DeleteOverrideAsync(ownerId, date, cancellationToken));

    // IMeetingTypeStore
    public Task<OwnerWrite> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_meeting_type", () => store.CreateMeetingTypeAsync(ownerId, meetingType, now, cancellationToken));

    public Task<MeetingTypeLookup> FindMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_meeting_type", () => store.FindMeetingTypeAsync(ownerId, slug, cancellationToken));

    public Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_meeting_types", () => store.ListMeetingTypesAsync(ownerId, cancellationToken));

    public Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("replace_meeting_type", () => store.ReplaceMeetingTypeAsync(ownerId, meetingType, cancellationToken));

    public Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_meeting_type", () => store.DeleteMeetingTypeAsync(ownerId, slug, cancellationToken));

    // IScheduleReader
    public Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("load_schedule", () => store.LoadScheduleAsync(ownerId, dates, now, cancellationToken));

    // IBookingStore
    public Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book", () => store.BookAsync(ownerId, request, type, typeKey, now, cancellationToken));

    public Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_booking", () => store.GetBookingAsync(bookingId, cancellationToken));

    public Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_booking_history", () => store.GetBookingHistoryAsync(bookingId, cancellationToken));

    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("cancel", () => store.CancelAsync(bookingId, cancelledBy, reason, now, cancellationToken));

    public Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("reschedule", () => store.RescheduleAsync(bookingId, newStart, now, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_bookings", () => store.ListBookingsAsync(ownerId, query, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_upcoming", () => store.ListUpcomingAsync(ownerId, now, cancellationToken));

    // IOutboxStore
    public Task<OwnerWrite> AddEndpointAsync(StoredEndpoint endpoint, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_endpoint", () => store.AddEndpointAsync(endpoint, cancellationToken));

    public Task<IReadOnlyList<StoredEndpoint>?> ListEndpointsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_endpoints", () => store.ListEndpointsAsync(ownerId, cancellationToken));

    public Task<StoredEndpoint?> FindEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_endpoint", () => store.FindEndpointAsync(ownerId, endpointId, cancellationToken));

    public Task<bool> UpdateEndpointAsync(string ownerId, string endpointId, string url, IReadOnlyList<string> eventTypes, bool enabled, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_endpoint", () => store.UpdateEndpointAsync(ownerId, endpointId, url, eventTypes, enabled, cancellationToken));

    public Task<bool> RotateSecretAsync(string ownerId, string endpointId, string secret, Instant previousExpiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("rotate_endpoint_secret", () => store.RotateSecretAsync(ownerId, endpointId, secret, previousExpiresAt, cancellationToken));

    public Task<bool> DeleteEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_endpoint", () => store.DeleteEndpointAsync(ownerId, endpointId, cancellationToken));

    public Task<IReadOnlyList<DeliveryLog>?> ListDeliveriesAsync(string ownerId, string endpointId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_deliveries", () => store.ListDeliveriesAsync(ownerId, endpointId, limit, cancellationToken));

    public Task<IReadOnlyList<DeliveryLog>> ListConnectionDeliveriesAsync(string ownerId, string connectionId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_connection_deliveries", () => store.ListConnectionDeliveriesAsync(ownerId, connectionId, limit, cancellationToken));

    public Task<IReadOnlyList<EmailDeliveryLog>?> ListEmailDeliveriesAsync(string ownerId, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_email_deliveries", () => store.ListEmailDeliveriesAsync(ownerId, limit, cancellationToken));

    public Task<bool> RedeliverAsync(string ownerId, string endpointId, string deliveryId, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("redeliver", () => store.RedeliverAsync(ownerId, endpointId, deliveryId, now, cancellationToken));

    public Task<int> FanOutAsync(Instant now, int limit, EmailPlan? email, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("fan_out", () => store.FanOutAsync(now, limit, email, cancellationToken));

    public Task<NotificationSettings?> GetNotificationSettingsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_notification_settings", () => store.GetNotificationSettingsAsync(ownerId, cancellationToken));

    public Task<bool> SetNotificationSettingsAsync(string ownerId, NotificationSettings settings, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_notification_settings", () => store.SetNotificationSettingsAsync(ownerId, settings, cancellationToken));

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("claim_deliveries", () => store.ClaimDueAsync(now, lease, limit, cancellationToken));

    public Task RecordAttemptAsync(AttemptRecord attempt, NextStep next, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("record_attempt", async () =>
        {
            await store.RecordAttemptAsync(attempt, next, cancellationToken);
            return true;
        });

    public Task<OutboxDepth> MeasureAsync(Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("measure_outbox", () => store.MeasureAsync(now, cancellationToken));

    // ICalendarConnectionStore
    public Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_calendar_connection", () => store.AddConnectionAsync(connection, cancellationToken));

    public Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_calendar_connections", () => store.ListConnectionsAsync(ownerId, cancellationToken));

    public Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("find_calendar_connection", () => store.FindConnectionAsync(ownerId, connectionId, cancellationToken));

    public Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("update_calendar_connection", () => store.UpdateConnectionAsync(ownerId, connectionId, settings, cancellationToken));

    public Task<bool> DeleteConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_calendar_connection", () => store.DeleteConnectionAsync(ownerId, connectionId, cancellationToken));

    public Task<IReadOnlyList<StoredConnection>> ClaimForSyncAsync(Instant now, Duration lease, int max, string? ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("claim_calendar_sync", () => store.ClaimForSyncAsync(now, lease, max, ownerId, cancellationToken));

    public Task<bool> RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("record_calendar_sync", () => store.RecordSyncAsync(record, cancellationToken));

    public Task<int> MarkStaleAsync(Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("mark_calendars_stale", () => store.MarkStaleAsync(now, cancellationToken));

    public Task<IReadOnlySet<string>> OwnersWithConnectionsAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("owners_with_calendars", () => store.OwnersWithConnectionsAsync(cancellationToken));

    public Task<IReadOnlyDictionary<string, long>> CountConnectionsByStateAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("count_calendar_connections", () => store.CountConnectionsByStateAsync(cancellationToken));

    // IKeyRingStore
    public Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken) =>
        metrics.MeasureAsync("read_key_ring", () => store.ReadKeyRingAsync(cancellationToken));

    public Task AddToKeyRingAsync(string name, string xml, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("add_to_key_ring", async () =>
        {
            await store.AddToKeyRingAsync(name, xml, now, cancellationToken);
            return true;
        });

    // IHoldStore
    public Task<HoldAttempt> HoldAsync(string ownerId, string holdId, Slot slot, MeetingType type, string typeKey, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("hold", () => store.HoldAsync(ownerId, holdId, slot, type, typeKey, now, expiresAt, cancellationToken));

    public Task<bool> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("release_hold", () => store.ReleaseHoldAsync(holdId, cancellationToken));

    // IIdempotentBookingStore
    public Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_idempotently", () => store.BookIdempotentlyAsync(ownerId, request, type, typeKey, now, key, payload, cancellationToken));

    // ITeamStore
    public Task<TeamWrite> CreateTeamAsync(string teamId, string name, string firstMemberId, string joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("create_team", () => store.CreateTeamAsync(teamId, name, firstMemberId, joinCodeHash, now, cancellationToken));

    public Task<StoredTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_team", () => store.GetTeamAsync(teamId, cancellationToken));

    public Task<IReadOnlyList<StoredTeam>> ListTeamsOfAsync(string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_teams", () => store.ListTeamsOfAsync(ownerId, cancellationToken));

    public Task<TeamWrite> JoinTeamAsync(string teamId, string ownerId, string? joinCodeHash, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("join_team", () => store.JoinTeamAsync(teamId, ownerId, joinCodeHash, now, cancellationToken));

    public Task<TeamWrite> LeaveTeamAsync(string teamId, string ownerId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("leave_team", () => store.LeaveTeamAsync(teamId, ownerId, cancellationToken));

    public Task<bool> SetJoinCodeAsync(string teamId, string joinCodeHash, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_join_code", () => store.SetJoinCodeAsync(teamId, joinCodeHash, cancellationToken));

    public Task<TeamWrite> SetAbsencesAsync(string teamId, string ownerId, IReadOnlyList<Interval> periods, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("set_absences", () => store.SetAbsencesAsync(teamId, ownerId, periods, cancellationToken));

    public Task<TeamWrite> SaveTeamMeetingTypeAsync(string teamId, StoredTeamMeetingType meetingType, bool create, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("save_team_meeting_type", () => store.SaveTeamMeetingTypeAsync(teamId, meetingType, create, now, cancellationToken));

    public Task<bool> DeleteTeamMeetingTypeAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("delete_team_meeting_type", () => store.DeleteTeamMeetingTypeAsync(teamId, slug, cancellationToken));

    public Task<TeamBookingAttempt> BookTeamAsync(string teamId, string slug, BookingRequest request, Instant now, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_team", () => store.BookTeamAsync(teamId, slug, request, now, cancellationToken));

    public Task<IdempotentTeamBooking> BookTeamIdempotentlyAsync(
        string teamId, string slug, BookingRequest request, Instant now, IdempotencyKey key, Func<IReadOnlyList<StoredBooking>, string> payload, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("book_team_idempotently", () => store.BookTeamIdempotentlyAsync(teamId, slug, request, now, key, payload, cancellationToken));

    public Task<HoldAttempt?> HoldTeamAsync(string teamId, string slug, string holdId, Slot slot, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("hold_team", () => store.HoldTeamAsync(teamId, slug, holdId, slot, now, expiresAt, cancellationToken));

    public Task<IReadOnlyList<TeamBookingListing>?> ListTeamBookingsAsync(string teamId, BookingQuery query, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("list_team_bookings", () => store.ListTeamBookingsAsync(teamId, query, cancellationToken));

    public Task<IReadOnlyList<StoredBooking>> GetTeamBookingAsync(string teamBookingId, CancellationToken cancellationToken) =>
        metrics.MeasureAsync("get_team_booking", () => store.GetTeamBookingAsync(teamBookingId, cancellationToken));
}
