using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Everything the service keeps: owners, their availability rules and their bookings.
/// The interface is shaped by what the scheduling engine needs, so that SQLite and PostgreSQL
/// can sit behind it and be tested by the same suite. Every write that answers is durable.
/// </summary>
public interface IScheduleStore
{
    /// <summary>
    /// Adds the rules an owner does not have yet, creating the owner (in UTC) on first use.
    /// A rule the owner already has is ignored, so posting the same rules twice changes nothing.
    /// </summary>
    /// <returns>How many rules were new.</returns>
    Task<int> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken);

    /// <summary>The owner's zone and current schedule version, or null for an owner who does not exist.</summary>
    Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// The rules and booked time that decide the owner's slots on <paramref name="date"/>, read in one
    /// snapshot together with the schedule version they belong to; null for an unknown owner.
    /// </summary>
    Task<DayRead?> LoadDayAsync(string ownerId, LocalDate date, CancellationToken cancellationToken);

    /// <summary>
    /// Books <paramref name="request"/> if, at the moment of writing, the engine accepts it as a free slot
    /// of <paramref name="shape"/> on <paramref name="date"/>. The check and the insert happen in one
    /// write transaction, and the schema refuses overlapping bookings of one owner as a second guard.
    /// </summary>
    Task<BookingAttempt> BookAsync(string ownerId, LocalDate date, BookingRequest request, SlotShape shape, Instant now, CancellationToken cancellationToken);

    /// <summary>The owner's bookings that have not ended at <paramref name="now"/>, soonest first; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken);
}

/// <summary>An owner as the engine needs it. <see cref="ScheduleVersion"/> grows with every change to the owner's rules or bookings.</summary>
public sealed record OwnerSnapshot(string Id, DateTimeZone Zone, long ScheduleVersion);

/// <summary>A day's schedule and the version of the owner's data it was read at.</summary>
public sealed record DayRead(OwnerSnapshot Owner, DaySchedule Day);

/// <summary>What an invitee asks to book.</summary>
public sealed record BookingRequest(string Invitee, Slot Slot);

/// <summary>A booking as stored.</summary>
public sealed record StoredBooking(string Id, string OwnerId, string Invitee, Slot Slot, Instant CreatedAt);

/// <summary>The result of <see cref="IScheduleStore.BookAsync"/>.</summary>
public abstract record BookingAttempt
{
    private BookingAttempt()
    {
    }

    /// <summary>The booking was stored.</summary>
    public sealed record Booked(StoredBooking Booking) : BookingAttempt;

    /// <summary>The engine refused the request for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record Refused(Scheduling.Booking.BookingOutcome Reason) : BookingAttempt;

    /// <summary>No owner has that id; nothing was written.</summary>
    public sealed record UnknownOwner : BookingAttempt;
}
