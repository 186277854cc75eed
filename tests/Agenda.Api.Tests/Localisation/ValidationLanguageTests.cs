using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Agenda.Api.Platform.Wire;

namespace Agenda.Api.Tests.Localisation;

/// <summary>
/// Field errors and refusals are worded in the language the client asks for with Accept-Language, when the service
/// speaks it, and in English otherwise; the status, the field names and every other member of the answer stay the same.
/// </summary>
public sealed partial class ValidationLanguageTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Field = "monday[0].start";

    private const string English = "'monday[0].start' must be a time of day in the form HH:MM, from 00:00 to 23:59; '9am' is not.";

    private const string German = "'monday[0].start' muss eine Uhrzeit in der Form HH:MM von 00:00 bis 23:59 sein; '9am' ist keine.";

    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_bad_request_in_german_gets_german_messages_with_the_same_status_and_fields()
    {
        var owner = await api.CreateOwner();

        var english = await BadWeeklyHours(owner, language: null);
        var german = await BadWeeklyHours(owner, language: "de-DE,de;q=0.9,en;q=0.8");

        Assert.Equal(German, german["errors"]![Field]![0]!.GetValue<string>());
        Assert.Contains(German, german["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(FieldNames(english), FieldNames(german));
        Assert.Equal(english["title"]!.GetValue<string>(), german["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_request_without_accept_language_gets_english_messages()
    {
        var owner = await api.CreateOwner();

        var problem = await BadWeeklyHours(owner, language: null);

        Assert.Equal(English, problem["errors"]![Field]![0]!.GetValue<string>());
        Assert.Equal("The request is not valid", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_language_the_service_does_not_speak_gets_english()
    {
        var owner = await api.CreateOwner();

        var problem = await BadWeeklyHours(owner, language: "ja-JP, ko;q=0.5");

        Assert.Equal(English, problem["errors"]![Field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusal_is_worded_in_the_language_asked_for()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/teams/no-such-team");
        request.Headers.AcceptLanguage.ParseAdd("de");

        using var response = await api.Http.SendAsync(request);

        var problem = await Expect.Problem(response, 404);
        Assert.Equal("Es gibt kein Team 'no-such-team'.", problem["detail"]!.GetValue<string>());
        Assert.Equal("Not found", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public void A_page_reads_the_errors_of_each_field_in_its_language()
    {
        var errors = new RequestErrors();
        errors.Date("from", "2024-02-30");
        errors.Email("email", "ana");

        var german = InLanguage("de", () => errors.ByField);
        var english = InLanguage("en", () => errors.ByField);

        Assert.Equal(["from", "email"], german.Keys);
        Assert.Equal("'from' muss ein gültiges Datum in der Form JJJJ-MM-TT sein; '2024-02-30' ist keines.", Assert.Single(german["from"]));
        Assert.Equal("'email' must be an e-mail address such as ana@example.com; 'ana' is not.", Assert.Single(english["email"]));
        Assert.Equal([.. english.Values.SelectMany(m => m)], InLanguage("en", () => errors.Messages.ToList()));
    }

    /// <summary>Each text, in each language that has it, takes as many values as English gives it (a wrong {n} would throw).</summary>
    [Fact]
    public void Every_validation_text_can_be_worded_in_every_language_it_has()
    {
        var english = ValidationTexts.Resource.In(CultureInfo.InvariantCulture);
        foreach (var language in Platform.Localisation.Languages.All)
        {
            foreach (var (key, text) in ValidationTexts.Resource.In(language.Culture))
            {
                var values = Enumerable.Range(0, Placeholder().Matches(english[key]).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max())
                    .Select(i => (object)$"value{i}").ToArray();
                var worded = string.Format(CultureInfo.InvariantCulture, text, values);
                Assert.DoesNotContain("{", worded, StringComparison.Ordinal);
            }
        }
    }

    private async Task<JsonNode> BadWeeklyHours(string owner, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/owners/{owner}/weekly-hours")
        {
            Content = JsonContent.Create(new { monday = new[] { new { start = "9am", end = "17:00" } }, tuesday = new[] { new { start = "10:00", end = "09:00" } } }),
        };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await api.Http.SendAsync(request);
        return await Expect.Problem(response, 400);
    }

    private static List<string> FieldNames(JsonNode problem) => [.. problem["errors"]!.AsObject().Select(e => e.Key)];

    private static T InLanguage<T>(string code, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(code);
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
