using System.Text.Json;
using System.Text.Json.Serialization;
using Agenda.Scheduling.Booking;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// What a meeting type says besides its booking rules: its description, where and how the meeting happens, the
/// questions an invitee answers, the other lengths an invitee may choose, whether it is listed on the owner's (or
/// team's) page, where the invitee goes after booking, and how late an invitee may change a booking. Personal and team
/// types alike; kept as one JSON document per type (<see cref="ToJson"/>, <see cref="FromJson"/>), since nothing is
/// ever selected by these fields. The host checks every value before it gets here.
/// </summary>
public sealed record MeetingTypeDetails
{
    public static readonly MeetingTypeDetails None = new();

    /// <summary>The description in Markdown, as the owner wrote it; the host renders a safe subset of it.</summary>
    public string? Description { get; init; }

    /// <summary>Where the meeting may happen, in the owner's order; the invitee picks one. Empty: nothing is said.</summary>
    public IReadOnlyList<MeetingLocation> Locations { get; init; } = [];

    /// <summary>What the invitee is asked when booking, in order.</summary>
    public IReadOnlyList<BookingQuestion> Questions { get; init; } = [];

    /// <summary>Every length an invitee may choose, in minutes, ascending, the type's own among them; empty: only the type's own.</summary>
    public IReadOnlyList<int> DurationOptions { get; init; } = [];

    /// <summary>Not listed on the owner's or team's page: reachable only by its link.</summary>
    public bool Private { get; init; }

    /// <summary>An absolute http(s) address the invitee is sent to after booking, with the booking's id and times.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>Minutes before the start until which an invitee may still cancel; null: until it begins.</summary>
    public int? CancelNoticeMinutes { get; init; }

    /// <summary>Minutes before the start until which an invitee may still move the booking; null: until it begins.</summary>
    public int? RescheduleNoticeMinutes { get; init; }

    /// <summary>Whether an invitee must say why they cancel.</summary>
    public bool CancelReasonRequired { get; init; }

    /// <summary>Whether a booking is a request the owner confirms or declines, and how that works; null: bookings are made at once.</summary>
    public ApprovalSettings? Approval { get; init; }

    /// <summary>Whether an invitee may book a weekly series of meetings, and how; null: one meeting at a time.</summary>
    public RecurrenceSettings? Recurrence { get; init; }

    /// <summary>The policy the engine applies to an invitee's cancel or move.</summary>
    [JsonIgnore]
    public InviteeChangePolicy InviteeChanges => new(
        CancelNoticeMinutes is { } c ? Duration.FromMinutes(c) : null,
        RescheduleNoticeMinutes is { } r ? Duration.FromMinutes(r) : null,
        CancelReasonRequired);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The document kept in the <c>details</c> column.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The details of a <c>details</c> column; '{}' (a type made before details existed) is <see cref="None"/>.</summary>
    public static MeetingTypeDetails FromJson(string json) =>
        json is "{}" or "" ? None : JsonSerializer.Deserialize<MeetingTypeDetails>(json, Json) ?? None;

    /// <summary>Equal when every detail is, lists compared item by item (a read copy equals what was written).</summary>
    public bool Equals(MeetingTypeDetails? other) =>
        other is not null
        && Description == other.Description && Private == other.Private && RedirectUrl == other.RedirectUrl
        && CancelNoticeMinutes == other.CancelNoticeMinutes && RescheduleNoticeMinutes == other.RescheduleNoticeMinutes
        && CancelReasonRequired == other.CancelReasonRequired && Approval == other.Approval && Recurrence == other.Recurrence
        && Locations.SequenceEqual(other.Locations) && Questions.SequenceEqual(other.Questions) && DurationOptions.SequenceEqual(other.DurationOptions);

    public override int GetHashCode() => HashCode.Combine(Description, Locations.Count, Questions.Count, DurationOptions.Count, Private, RedirectUrl);

    /// <summary>A booking's location or answers as kept in its column.</summary>
    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    internal static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);
}

/// <summary>How a meeting happens.</summary>
public enum LocationKind
{
    /// <summary>At an address (<see cref="MeetingLocation.Value"/>).</summary>
    InPerson,

    /// <summary>The invitee calls the owner's number (<see cref="MeetingLocation.Value"/>).</summary>
    Phone,

    /// <summary>The owner calls the invitee, whose number the booking form asks for.</summary>
    InviteePhone,

    /// <summary>A fixed link (<see cref="MeetingLocation.Value"/>), the same for every booking.</summary>
    Link,

    /// <summary>A video room made for each booking from a template (<see cref="MeetingLocation.Value"/>, with <c>{room}</c>).</summary>
    Video,
}

/// <summary>A place or way to meet that a meeting type offers; <see cref="Label"/> names it to the invitee when given.</summary>
public sealed record MeetingLocation(LocationKind Kind, string? Value = null, string? Label = null);

/// <summary>
/// Where a booking's meeting happens, resolved when it was booked: the kind, and the address, number or link (for a
/// video room, the room made for this booking; for <see cref="LocationKind.InviteePhone"/>, the invitee's number).
/// </summary>
public sealed record BookingLocation(LocationKind Kind, string Value, string? Label = null);

/// <summary>What kind of answer a question takes.</summary>
public enum QuestionKind
{
    ShortText,
    LongText,
    SingleChoice,
    MultipleChoice,
    Checkbox,
    Number,
    Phone,
    Url,
}

/// <summary>
/// A question a meeting type asks when booking. <see cref="Id"/> names the answer in the API; <see cref="Options"/> are
/// the choices of a single or multiple choice; <see cref="MaxLength"/> limits a text answer (and the number of choices
/// of a multiple choice); <see cref="Minimum"/> and <see cref="Maximum"/> bound a number.
/// </summary>
public sealed record BookingQuestion(
    string Id,
    string Label,
    QuestionKind Kind,
    bool Required = false,
    string? Help = null,
    IReadOnlyList<string>? Options = null,
    int? MaxLength = null,
    decimal? Minimum = null,
    decimal? Maximum = null)
{
    /// <summary>Equal when every field is, the options compared item by item.</summary>
    public bool Equals(BookingQuestion? other) =>
        other is not null && Id == other.Id && Label == other.Label && Kind == other.Kind && Required == other.Required && Help == other.Help
        && MaxLength == other.MaxLength && Minimum == other.Minimum && Maximum == other.Maximum
        && (Options ?? []).SequenceEqual(other.Options ?? []) && (Options is null) == (other.Options is null);

    public override int GetHashCode() => HashCode.Combine(Id, Label, Kind, Required);
}

/// <summary>
/// An invitee's answer to one question, kept with the question's label as it was asked: the values as given and
/// checked (one for most kinds; each chosen option of a multiple choice; "yes" or "no" for a checkbox; a phone number
/// in E.164).
/// </summary>
public sealed record BookingAnswer(string Id, string Question, IReadOnlyList<string> Values)
{
    /// <summary>Equal when the question and every value are.</summary>
    public bool Equals(BookingAnswer? other) => other is not null && Id == other.Id && Question == other.Question && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Id, Question, Values.Count);
}

/// <summary>
/// A type that requires approval, as kept with its details: whether a request holds its time meanwhile, and how many
/// minutes it waits for the owner's answer before it expires.
/// </summary>
public sealed record ApprovalSettings(bool HoldsTime, int ExpiresAfterMinutes)
{
    /// <summary>The engine's policy of these settings.</summary>
    public ApprovalPolicy ToPolicy() => new(HoldsTime, Duration.FromMinutes(ExpiresAfterMinutes));
}

/// <summary>
/// A type an invitee may book as a weekly series: every <see cref="IntervalWeeks"/> weeks, up to <see cref="MaxCount"/>
/// meetings (the invitee chooses how many, from 2).
/// </summary>
public sealed record RecurrenceSettings(int IntervalWeeks, int MaxCount)
{
    /// <summary>The engine's rule for a series of <paramref name="count"/> meetings of this type.</summary>
    public SeriesRule RuleFor(int count) => new(IntervalWeeks, count);
}
