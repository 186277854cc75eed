namespace Agenda.Storage;

/// <summary>
/// How much one owner may store. Each cap is checked inside the write transaction that would exceed it, under the
/// owner's lock, so concurrent writers cannot pass it together. Every cap is at least 1.
/// </summary>
public sealed record OwnerLimits
{
    /// <summary>The defaults: 1,000 date-range rules, 50 meeting types, 20 active API keys, 1,000 date overrides, 10 active bookings per invitee, 10 webhook endpoints, 10 calendar connections.</summary>
    public static readonly OwnerLimits Default = new(1000, 50, 20, 1000, 10);

    public OwnerLimits(int maxRules, int maxMeetingTypes, int maxActiveKeys, int maxOverrides, int maxActiveBookingsPerInvitee, int maxWebhookEndpoints = 10, int maxCalendarConnections = 10)
    {
        MaxCalendarConnections = AtLeastOne(maxCalendarConnections, nameof(maxCalendarConnections));
        MaxWebhookEndpoints = AtLeastOne(maxWebhookEndpoints, nameof(maxWebhookEndpoints));
        MaxRules = AtLeastOne(maxRules, nameof(maxRules));
        MaxMeetingTypes = AtLeastOne(maxMeetingTypes, nameof(maxMeetingTypes));
        MaxActiveKeys = AtLeastOne(maxActiveKeys, nameof(maxActiveKeys));
        MaxOverrides = AtLeastOne(maxOverrides, nameof(maxOverrides));
        MaxActiveBookingsPerInvitee = AtLeastOne(maxActiveBookingsPerInvitee, nameof(maxActiveBookingsPerInvitee));
    }

    public int MaxRules { get; }

    public int MaxMeetingTypes { get; }

    /// <summary>Revoked keys do not count.</summary>
    public int MaxActiveKeys { get; }

    public int MaxOverrides { get; }

    /// <summary>Active bookings that have not ended, of one invitee with one owner.</summary>
    public int MaxActiveBookingsPerInvitee { get; }

    public int MaxWebhookEndpoints { get; }

    /// <summary>Connected calendars (CalDAV or iCalendar feeds) whose busy times count.</summary>
    public int MaxCalendarConnections { get; }

    /// <summary>The cap on <paramref name="limit"/>.</summary>
    public int Of(OwnerLimit limit) => limit switch
    {
        OwnerLimit.Rules => MaxRules,
        OwnerLimit.MeetingTypes => MaxMeetingTypes,
        OwnerLimit.ActiveKeys => MaxActiveKeys,
        OwnerLimit.Overrides => MaxOverrides,
        OwnerLimit.WebhookEndpoints => MaxWebhookEndpoints,
        OwnerLimit.CalendarConnections => MaxCalendarConnections,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Unknown limit."),
    };

    private static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "A limit must be at least 1.");
}

/// <summary>What an owner's count is capped on.</summary>
public enum OwnerLimit
{
    /// <summary>Date-range availability rules.</summary>
    Rules,

    MeetingTypes,

    /// <summary>API keys that are not revoked.</summary>
    ActiveKeys,

    /// <summary>Dates with an override.</summary>
    Overrides,

    WebhookEndpoints,

    /// <summary>Connected calendars.</summary>
    CalendarConnections,
}

/// <summary>The result of a write that an owner's cap can refuse. Anything but <see cref="Written"/> wrote nothing.</summary>
public abstract record OwnerWrite
{
    private OwnerWrite()
    {
    }

    /// <summary>The write was committed; <paramref name="Added"/> is how many new rows it made (rules added, 1 for a new item).</summary>
    public sealed record Written(int Added) : OwnerWrite;

    /// <summary>No owner has that id.</summary>
    public sealed record UnknownOwner : OwnerWrite;

    /// <summary>The owner already has an item under that name (a meeting type's slug).</summary>
    public sealed record AlreadyExists : OwnerWrite;

    /// <summary>The write would take the owner past <paramref name="Max"/> of <paramref name="Limit"/>; it was rolled back.</summary>
    public sealed record LimitReached(OwnerLimit Limit, int Max) : OwnerWrite;
}
