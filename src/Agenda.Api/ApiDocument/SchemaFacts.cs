using System.Text.Json.Nodes;
using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Compatibility;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Api.Teams;
using Agenda.Scheduling.Booking;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Agenda.Api.ApiDocument;

/// <summary>
/// What the contract records' C# types cannot say: which fields a request may leave out, which answer fields may be
/// absent, closed sets, formats and the limits the handlers enforce (RequestErrors and the Map* handlers). The
/// contracts stay the same records, so the JSON on the wire does not change.
/// </summary>
internal static class SchemaFacts
{
    private const string StartTime = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    private const string EndTime = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";
    private const string LocalDateTime = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$";
    private const string Slug = "^[a-z0-9]+(-[a-z0-9]+)*$";
    private const string UrlSafeId = "^[A-Za-z0-9._@-]{1,64}$";
    private const int MinutesPerDay = 24 * 60;
    private const int MaxRangesPerDay = 24;
    private const int MaxNote = 2000;

    private static readonly Dictionary<Type, Action<Shape>> Facts = new()
    {
        // Documented API
        [typeof(SetAvailabilityRequest)] = s => s.Required("availability_rules")
            .Array("availability_rules", min: 1, max: CompatibilityRequests.MaxRulesPerRequest),
        [typeof(AvailabilityRuleBody)] = s => s.Required("start_date", "end_date", "start_time", "end_time")
            .Format("start_date", "date").Format("end_date", "date").Pattern("start_time", StartTime).Pattern("end_time", EndTime),
        [typeof(BookSlotRequest)] = s => s.Required("owner", "invitee", "start_time", "end_time")
            .Name("owner").Name("invitee").Pattern("start_time", LocalDateTime).Pattern("end_time", LocalDateTime),
        [typeof(SlotBody)] = s => s.Pattern("start", LocalDateTime).Pattern("end", LocalDateTime),
        [typeof(AppointmentBody)] = s => s.Pattern("start", LocalDateTime).Pattern("end", LocalDateTime),
        [typeof(UpcomingAppointmentBody)] = s => s.Pattern("start_time", LocalDateTime).Pattern("end_time", LocalDateTime),

        // /v1 requests
        [typeof(CreateOwnerRequest)] = s => s.Required("id")
            .Pattern("id", UrlSafeId).Text("name", RequestErrors.MaxIdLength)
            .Describe("time_zone", "An IANA time zone such as Europe/Berlin; UTC when left out."),
        [typeof(UpdateOwnerRequest)] = s => s.Required("time_zone")
            .Text("name", RequestErrors.MaxIdLength).Describe("name", "Left out or null, the owner has no display name.")
            .Describe("time_zone", "An IANA time zone such as Europe/Berlin."),
        [typeof(BrandingRequest)] = s => s.Required()
            .Pattern("brand_color", "^#[0-9A-Fa-f]{6}$").Describe("brand_color", "#RRGGBB with a contrast of at least 4.5:1 against white and against its 12 % tint; left out or null, no colour of one's own.")
            .Text("welcome", OwnerBranding.MaxWelcomeLength).Describe("welcome", "Plain text; line breaks are kept. Left out or null, no welcome."),
        [typeof(HoursBody)] = s => s.Required("start", "end").Pattern("start", StartTime).Pattern("end", EndTime),
        [typeof(WeeklyHoursBody)] = s => s.Required()
            .Array("monday", max: MaxRangesPerDay).Array("tuesday", max: MaxRangesPerDay).Array("wednesday", max: MaxRangesPerDay)
            .Array("thursday", max: MaxRangesPerDay).Array("friday", max: MaxRangesPerDay).Array("saturday", max: MaxRangesPerDay)
            .Array("sunday", max: MaxRangesPerDay),
        [typeof(DateRangeRulesBody)] = s => s.Required("rules").Array("rules", max: 500),
        [typeof(DateOverrideBody)] = s => s.Required()
            .Describe("unavailable", "true for a day off. Send either this or hours, not both.")
            .Array("hours", max: MaxRangesPerDay).Describe("hours", "The date's hours instead of the usual ones. Send either this or unavailable, not both."),
        [typeof(MeetingTypeBody)] = s => s.Required("title", "duration_minutes")
            .Describe("seats", "2 to 1000: each slot takes that many invitees, each with a booking of their own (personal types only). Left out: one invitee per slot.")
            .Describe("approval", "Present: each booking is a request the owner confirms or declines (personal types only, not with seats).")
            .Pattern("slug", Slug).MaxLength("slug", 64).Describe("slug", "Required when creating; on PUT it may be left out, or must equal the slug in the path.")
            .Name("title")
            .Range("duration_minutes", 5, MinutesPerDay)
            .Range("step_minutes", 5, MinutesPerDay).Describe("step_minutes", "Defaults to the duration.")
            .Range("buffer_before_minutes", 0, MinutesPerDay).Range("buffer_after_minutes", 0, MinutesPerDay)
            .Range("minimum_notice_minutes", 0, 366 * MinutesPerDay)
            .Range("horizon_days", 1, 3660).Describe("horizon_days", "Left out, slots may be booked any time ahead.")
            .Range("max_per_day", 1, 1000).Describe("max_per_day", "Left out, no daily limit.")
            .Pattern("schedule", Slug).Describe("schedule", "The id of the owner's named schedule whose hours this type offers (personal types only); left out, the owner's default hours.")
            .Describe("limits", "More limits of this type's own, each counted over its bookings on the owner's calendar: per week (from the owner's week_starts_on), month and year, and minutes of meetings per day and week. Left out, none. The owner's limits across all types are /v1/owners/{ownerId}/booking-limits.")
            .Text("description", MeetingDescription.MaxLength).Describe("description", "Markdown: paragraphs, emphasis, links, lists, quotes and code; anything else (HTML, images, scripts) is not shown.")
            .Array("locations", max: MeetingTypeDetailsInput.MaxLocations).Describe("locations", "Where the meeting may happen; the invitee picks one. Left out or empty, nothing is said.")
            .Array("questions", max: MeetingTypeDetailsInput.MaxQuestions)
            .Array("duration_options_minutes", max: MeetingTypeDetailsInput.MaxDurationOptions).Describe("duration_options_minutes", "Every length the invitee may choose (5 to 1440 minutes each), duration_minutes among them; left out, only duration_minutes.")
            .Describe("private", "true: not listed on the owner's page or in public listings; reachable by its address and by single-use links.")
            .Format("redirect_url", "uri").MaxLength("redirect_url", MeetingTypeDetailsInput.MaxUrl).Describe("redirect_url", "After booking on the booking page, the invitee is sent here (http or https) with booking_id, start and end (UTC) added to the query."),
        [typeof(LocationBody)] = s => s.Required("kind").Enum("kind", [.. MeetingTypeDetailsInput.LocationKinds.Values])
            .MaxLength("value", MeetingTypeDetailsInput.MaxUrl).Name("label"),
        [typeof(QuestionBody)] = s => s.Required("label", "kind").Enum("kind", [.. MeetingTypeDetailsInput.QuestionKinds.Values])
            .Pattern("id", Slug).MaxLength("id", 64).Name("label").Text("help", MeetingTypeDetailsInput.MaxHelp)
            .Array("options", max: MeetingTypeDetailsInput.MaxOptions).Range("max_length", 1, MeetingTypeDetailsInput.LongTextLimit),
        [typeof(ScheduleBody)] = s => s.Required("name").Name("name")
            .Describe("weekly_hours", "As /weekly-hours takes them; left out, no weekly hours.")
            .Array("date_overrides", max: OwnerSchedules.MaxOverrides).Describe("date_overrides", "Dates that do not follow the weekly hours: each a day off (unavailable: true) or other hours."),
        [typeof(ScheduleOverrideBody)] = s => s.Required("date").Format("date", "date").Array("hours", max: MaxRangesPerDay),
        [typeof(ScheduleResponse)] = s => s.AllPresent(),
        [typeof(TypeLimitsBody)] = s => s.Required()
            .Range("per_week", 1, BookingLimits.MaxCount).Range("per_month", 1, BookingLimits.MaxCount).Range("per_year", 1, BookingLimits.MaxCount)
            .Range("minutes_per_day", 1, MinutesPerDay).Range("minutes_per_week", 1, 7 * MinutesPerDay),
        [typeof(OwnerLimitsBody)] = s => s.Required()
            .Range("per_day", 1, BookingLimits.MaxCount).Range("per_week", 1, BookingLimits.MaxCount).Range("per_month", 1, BookingLimits.MaxCount).Range("per_year", 1, BookingLimits.MaxCount)
            .Range("minutes_per_day", 1, MinutesPerDay).Range("minutes_per_week", 1, 7 * MinutesPerDay)
            .Enum("week_starts_on", [.. BookingLimitsInput.WeekDays.Keys]).Describe("week_starts_on", "The day weekly limits count from; left out, monday."),
        [typeof(TypeLimitsResponse)] = s => s.AllPresent(),
        [typeof(OwnerLimitsResponse)] = s => s.AllPresent().Enum("week_starts_on", [.. BookingLimitsInput.WeekDays.Keys]),
        [typeof(InviteeChangesBody)] = s => s.Required()
            .Range("cancel_notice_minutes", 0, 366 * MinutesPerDay).Range("reschedule_notice_minutes", 0, 366 * MinutesPerDay),
        [typeof(LocationChoiceBody)] = s => s.Required().Enum("kind", [.. MeetingTypeDetailsInput.LocationKinds.Values]),
        [typeof(SingleUseLinkRequest)] = s => s.Required().Text("label", SingleUseLinks.MaxLabel),
        [typeof(TeamMeetingTypeBody)] = s => s.Required("title", "duration_minutes", "kind", "hosts")
            .Enum("kind", "collective", "round_robin").Array("hosts", max: 50)
            .Range("hosts_per_booking", 1, 50).Describe("hosts_per_booking", "Collective: at least this many hosts meet the invitee; left out, every host.")
            .Range("fairness_days", 1, 366).Describe("fairness_days", "Round robin: the period shares are counted over; defaults to 30."),
        [typeof(InviteeBody)] = s => s.Required("name").Name("name").Format("email", "email").MaxLength("email", 254),
        [typeof(CreateBookingRequest)] = s => s.Required("start", "invitee")
            .Format("start", "date-time").Describe("start", "A slot start as the slot search gives it: ISO 8601 with an offset, or UTC.")
            .Text("note", MaxNote).Range("duration_minutes", 5, MinutesPerDay).MaxLength("single_use_link", 200),
        [typeof(CreateHoldRequest)] = s => s.Required("start").Range("duration_minutes", 5, MinutesPerDay),
        [typeof(CancelBookingRequest)] = s => s.Required().Text("reason", MaxNote),
        [typeof(RescheduleBookingRequest)] = s => s.Required("start").Format("start", "date-time"),

        // /v1 answers
        [typeof(ApiKeyResponse)] = s => s.Format("created_at", "date-time").Format("revoked_at", "date-time"),
        [typeof(HoursResponse)] = s => s.Pattern("start", StartTime).Pattern("end", EndTime),
        [typeof(DateRangeRuleResponse)] = s => s.Format("start_date", "date").Format("end_date", "date")
            .Pattern("start_time", StartTime).Pattern("end_time", EndTime),
        [typeof(DateOverrideResponse)] = s => s.Format("date", "date"),
        [typeof(MeetingTypeResponse)] = s => s.Describe("horizon_days", "null: no horizon.").Describe("max_per_day", "null: no daily limit.")
            .Describe("seats", "null: one invitee per slot.").Describe("approval", "null: bookings are made at once.")
            .Describe("description_html", "The description rendered as safe HTML (empty for none).")
            .Describe("duration_options_minutes", "Every length an invitee may choose, ascending; one when only duration_minutes is offered."),
        [typeof(LocationResponse)] = s => s.AllPresent().Enum("kind", [.. MeetingTypeDetailsInput.LocationKinds.Values]),
        [typeof(QuestionResponse)] = s => s.AllPresent().Enum("kind", [.. MeetingTypeDetailsInput.QuestionKinds.Values]),
        [typeof(InviteeChangesResponse)] = s => s.AllPresent(),
        [typeof(BookingLocationResponse)] = s => s.AllPresent().Enum("kind", [.. MeetingTypeDetailsInput.LocationKinds.Values]),
        [typeof(BookingAnswerResponse)] = s => s.AllPresent(),
        [typeof(SingleUseLinkResponse)] = s => s.Present("id", "label", "status", "created_at", "used_at", "booking_id", "revoked_at")
            .Enum("status", "open", "used", "revoked").Format("created_at", "date-time").Format("used_at", "date-time").Format("revoked_at", "date-time")
            .Format("url", "uri").Describe("token", "Only in the answer that makes the link: its secret (sul_...).")
            .Describe("url", "Only in the answer that makes the link: the booking page's address with the secret in it, to send to one invitee."),
        [typeof(TeamMeetingTypeResponse)] = s => s.AllPresent().Enum("kind", "collective", "round_robin"),
        [typeof(SlotResponse)] = s => s.Format("start", "date-time").Format("end", "date-time").Format("start_utc", "date-time").Format("end_utc", "date-time")
            .Describe("seats_left", "For a meeting type with seats only: how many seats of this slot are still offered."),
        [typeof(SlotsResponse)] = s => s.Format("from", "date").Format("to", "date"),
        [typeof(InviteeResponse)] = s => s.Format("email", "email"),
        [typeof(BookingResponse)] = s => s
            .Present("id", "owner_id", "meeting_type", "status", "start", "end", "start_utc", "end_utc", "time_zone", "invitee", "note",
                "created_at", "sequence", "previous_times", "cancelled_at", "cancelled_by", "cancel_reason", "location", "answers", "seat_slot_id", "expires_at")
            .Enum("status", "active", "cancelled", "pending", "declined", "expired")
            .Describe("status", "active; cancelled; pending: a request of a type that requires approval, awaiting the owner's answer until expires_at; declined by the owner; expired unanswered.")
            .Format("expires_at", "date-time")
            .Describe("expires_at", "For a pending request, when it expires unanswered; else null.")
            .Describe("seat_slot_id", "For a seat of a type with seats, the slot it shares with the other seats; else null.")
            .Describe("location", "Where the meeting happens; null when its meeting type names no place.")
            .Format("start", "date-time").Format("end", "date-time").Format("start_utc", "date-time").Format("end_utc", "date-time")
            .Format("created_at", "date-time").Format("cancelled_at", "date-time")
            .Describe("cancelled_by", "\"owner\" or \"invitee\" once cancelled, else null.")
            .Describe("management_token", "Only in the answer that creates the booking: the invitee's key to read, cancel and reschedule it (bkt_...)."),
        [typeof(PreviousTimeResponse)] = s => s.Format("start_utc", "date-time").Format("end_utc", "date-time"),
        [typeof(BookingListResponse)] = s => s.Describe("next_cursor", "The cursor of the next page; null on the last page."),
        [typeof(BrandingResponse)] = s => s.AllPresent().Pattern("brand_color", "^#[0-9a-f]{6}$")
            .Format("photo_url", "uri-reference").Describe("photo_url", "The photo's address, naming its version (so it may be cached); null without a photo."),
        [typeof(FeedResponse)] = s => s.Format("url", "uri"),

        // Problems
        [typeof(BookingRefusalProblem)] = s => s.Required("title", "status", "detail", "reason")
            .Enum("reason", [.. RefusalCodes.All]).Describe("reason", "Why the booking was refused, for programs; detail says it for people."),
    };

    /// <summary>Schema metadata (not written): the properties <see cref="Shape.Required"/> made non-null.</summary>
    private const string NotNullProperties = "agenda:not-null";

    public static OpenApiOptions AddSchemaFacts(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            // A nullable object property becomes "oneOf: [null, $ref]" only when the schemas are stored as components,
            // after the schema transformers ran, so the required ones lose their null here.
            foreach (var schema in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (schema.Metadata?.TryGetValue(NotNullProperties, out var names) == true && schema.Properties is { } properties)
                {
                    foreach (var name in (IEnumerable<string>)names)
                    {
                        properties[name] = Shape.NotNull(properties[name]);
                    }
                }
            }

            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            if (schema is OpenApiSchema concrete)
            {
                IntegerOnly(concrete);
                // A type's facts include those of the types it derives from (a team meeting type is a meeting type), base first.
                // A type used only as a nullable property (LocationChoiceBody?) reaches here only as that property's
                // schema, which becomes its component: its facts are applied there.
                if (context.JsonPropertyInfo is null || concrete.Properties is { Count: > 0 })
                {
                    var lineage = new Stack<Type>();
                    for (var type = context.JsonTypeInfo.Type; type is not null && type != typeof(object); type = type.BaseType)
                    {
                        lineage.Push(type);
                    }

                    foreach (var type in lineage)
                    {
                        if (Facts.TryGetValue(type, out var facts))
                        {
                            facts(new Shape(concrete));
                        }
                    }
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>
    /// The host's JSON options read numbers from strings too, so the generator writes integers as "integer or numeric
    /// string". Clients should send numbers, and answers always hold numbers: the document says integer.
    /// </summary>
    private static void IntegerOnly(OpenApiSchema schema)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    /// <summary>An object schema being described; each method edits one property.</summary>
    private sealed class Shape(OpenApiSchema schema)
    {
        /// <summary>
        /// Exactly these properties are required, and they may not be null; the others may be left out (a request's
        /// optional field may also be null, meaning the same).
        /// </summary>
        public Shape Required(params string[] names)
        {
            schema.Required = new HashSet<string>(names);
            foreach (var name in names)
            {
                if (schema.Properties?.TryGetValue(name, out var property) == true)
                {
                    schema.Properties[name] = NotNull(property);
                }
            }

            schema.Metadata ??= new Dictionary<string, object>();
            schema.Metadata[NotNullProperties] = names;
            return this;
        }

        /// <summary>Every property of an answer is always there (some possibly null).</summary>
        public Shape AllPresent()
        {
            schema.Required = new HashSet<string>(schema.Properties?.Keys ?? []);
            return this;
        }

        /// <summary>An answer's properties that are always there (some possibly null); the others may be absent.</summary>
        public Shape Present(params string[] names)
        {
            schema.Required = new HashSet<string>(names);
            return this;
        }

        public Shape Format(string name, string format) => Edit(name, p => p.Format = format);

        public Shape Pattern(string name, string pattern) => Edit(name, p => p.Pattern = pattern);

        public Shape MaxLength(string name, int max) => Edit(name, p => p.MaxLength = max);

        /// <summary>A required name or id (RequestErrors.Name): not blank, at most <see cref="RequestErrors.MaxIdLength"/> characters.</summary>
        public Shape Name(string name) => Edit(name, p =>
        {
            p.MinLength = 1;
            p.MaxLength = RequestErrors.MaxIdLength;
        });

        public Shape Text(string name, int max) => Edit(name, p => p.MaxLength = max);

        public Shape Range(string name, int min, int max) => Edit(name, p =>
        {
            p.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
            p.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        public Shape Array(string name, int? min = null, int? max = null) => Edit(name, p =>
        {
            p.MinItems = min;
            p.MaxItems = max;
        });

        public Shape Enum(string name, params string[] values) => Edit(name, p => p.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

        public Shape Describe(string name, string description) => Edit(name, p => p.Description = description);

        private Shape Edit(string name, Action<OpenApiSchema> edit)
        {
            if (schema.Properties?.TryGetValue(name, out var property) != true || property is not OpenApiSchema concrete)
            {
                throw new InvalidOperationException($"The OpenAPI schema has no property '{name}' to describe; was the contract renamed?");
            }

            edit(concrete);
            return this;
        }

        public static IOpenApiSchema NotNull(IOpenApiSchema property) => property switch
        {
            OpenApiSchema { OneOf: [var first, var second] } when first.Type == JsonSchemaType.Null => second,
            OpenApiSchema { OneOf: [var first, var second] } when second.Type == JsonSchemaType.Null => first,
            OpenApiSchema { Type: { } type } concrete when type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null =>
                Strip(concrete, type),
            _ => property,
        };

        private static OpenApiSchema Strip(OpenApiSchema concrete, JsonSchemaType type)
        {
            concrete.Type = type & ~JsonSchemaType.Null;
            return concrete;
        }
    }
}
