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
    : IOwnerStore, IApiKeyStore, IFeedStore, IAvailabilityStore, IMeetingTypeStore, IScheduleReader, IBookingStore, IIdempotentBookingStore, IHoldStore
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
}
