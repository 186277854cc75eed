using System.Text.Json.Nodes;
using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Compatibility;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Owners;
using Agenda.Api.Slots;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Agenda.Api.ApiDocument;

/// <summary>Examples for the request and response schemas of the OpenAPI document, taken from the README's walk-throughs.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(SetAvailabilityRequest)] = """{"availability_rules":[{"start_date":"2027-03-01","end_date":"2027-03-03","start_time":"09:00","end_time":"17:00"}]}""",
        [typeof(SetAvailabilityResponse)] = """{"message":"Availability set for user1","new_slots":"[{\"start_date\": \"2027-03-01\", \"end_date\": \"2027-03-03\", \"start_time\": \"09:00\", \"end_time\": \"17:00\"}]"}""",
        [typeof(SearchSlotsResponse)] = """{"available_slots":[{"start":"2027-03-01T09:00","end":"2027-03-01T10:00"}]}""",
        [typeof(BookSlotRequest)] = """{"owner":"user1","invitee":"invitee1","start_time":"2027-03-01T09:00","end_time":"2027-03-01T10:00"}""",
        [typeof(BookSlotResponse)] = """{"appointment":{"owner":"user1","invitee":"invitee1","start":"2027-03-01T09:00","end":"2027-03-01T10:00"},"message":"Appointment booked successfully"}""",
        [typeof(ListUpcomingResponse)] = """{"upcoming_appointments":[{"start_time":"2027-03-01T09:00","end_time":"2027-03-01T10:00","invitee":"invitee1"}]}""",
        [typeof(CreateOwnerRequest)] = """{"id":"ana","name":"Ana Weber","time_zone":"Europe/Berlin"}""",
        [typeof(UpdateOwnerRequest)] = """{"name":"Ana Weber","time_zone":"Europe/Berlin"}""",
        [typeof(OwnerResponse)] = """{"id":"ana","name":"Ana Weber","time_zone":"Europe/Berlin"}""",
        [typeof(BrandingRequest)] = """{"brand_color":"#1f5fbf","welcome":"Hello! Pick a time that suits you.\nI will send an agenda the day before."}""",
        [typeof(BrandingResponse)] = """{"brand_color":"#1f5fbf","welcome":"Hello! Pick a time that suits you.\nI will send an agenda the day before.","photo_url":"/v1/owners/ana/photo?v=3"}""",
        [typeof(WeeklyHoursBody)] = """{"monday":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],"friday":[{"start":"09:00","end":"12:00"}]}""",
        [typeof(DateRangeRulesBody)] = """{"rules":[{"start_date":"2027-03-01","end_date":"2027-03-31","start_time":"09:00","end_time":"17:00"}]}""",
        [typeof(DateOverrideBody)] = """{"unavailable":true}""",
        [typeof(MeetingTypeBody)] = """{"slug":"intro","title":"Intro call","duration_minutes":30,"buffer_after_minutes":10,"minimum_notice_minutes":120,"horizon_days":60,"max_per_day":4,"description":"A first **30 minutes** to see how we can work together.","locations":[{"kind":"video","value":"https://meet.jit.si/{room}"}],"questions":[{"id":"topic","label":"What would you like to talk about?","kind":"long_text","required":true}],"invitee_changes":{"cancel_notice_minutes":1440}}""",
        [typeof(MeetingTypeResponse)] = """{"slug":"intro","title":"Intro call","duration_minutes":30,"step_minutes":30,"buffer_before_minutes":0,"buffer_after_minutes":10,"minimum_notice_minutes":120,"horizon_days":60,"max_per_day":4,"seats":null,"description":"A first **30 minutes** to see how we can work together.","description_html":"<p>A first <strong>30 minutes</strong> to see how we can work together.</p>","locations":[{"kind":"video","value":"https://meet.jit.si/{room}","label":null}],"questions":[{"id":"topic","label":"What would you like to talk about?","kind":"long_text","required":true,"help":null,"options":null,"max_length":2000,"minimum":null,"maximum":null}],"duration_options_minutes":[30],"private":false,"redirect_url":null,"invitee_changes":{"cancel_notice_minutes":1440,"reschedule_notice_minutes":null,"reason_required":false},"approval":null,"recurrence":null}""",
        [typeof(SlotsResponse)] = """{"owner_id":"ana","meeting_type":"intro","time_zone":"America/New_York","from":"2027-03-01","to":"2027-03-07","slots":[{"start":"2027-03-01T03:00:00-05:00","end":"2027-03-01T03:30:00-05:00","start_utc":"2027-03-01T08:00:00Z","end_utc":"2027-03-01T08:30:00Z"}]}""",
        [typeof(CreateBookingRequest)] = """{"start":"2027-03-01T03:00:00-05:00","invitee":{"name":"Ben Okafor","email":"ben@example.com"},"note":"About the offer"}""",
        [typeof(BookingResponse)] = """{"id":"01a20e4476767f01911d1c0c22951aa9","owner_id":"ana","meeting_type":"intro","status":"active","start":"2027-03-01T09:00:00+01:00","end":"2027-03-01T09:30:00+01:00","start_utc":"2027-03-01T08:00:00Z","end_utc":"2027-03-01T08:30:00Z","time_zone":"Europe/Berlin","invitee":{"name":"Ben Okafor","email":"ben@example.com"},"note":"About the offer","created_at":"2026-11-24T15:54:57Z","sequence":0,"previous_times":[],"cancelled_at":null,"cancelled_by":null,"cancel_reason":null,"location":{"kind":"video","value":"https://meet.jit.si/agenda-q3v7c2m9xk4hz5w8r6tn2b7yda","label":null},"answers":[{"id":"topic","question":"What would you like to talk about?","values":["Pricing for a team of 12"]}],"seat_slot_id":null,"expires_at":null,"series":null}""",
    };

    public static OpenApiOptions AddExamples(this OpenApiOptions options) =>
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            {
                schema.Examples = [JsonNode.Parse(example)!];
            }

            return Task.CompletedTask;
        });
}
