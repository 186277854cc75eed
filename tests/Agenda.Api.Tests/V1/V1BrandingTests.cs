using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1BrandingTests(ApiHost host) : V1BrandingTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1BrandingTestsOnPostgres(PostgresApiHost host) : V1BrandingTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>
/// An owner's branding over HTTP: a readable colour and a short welcome saved and read back, a colour too light refused
/// with its ratio and a darker shade that passes, a photo known by its bytes (never its declared type) and served in
/// that type, for ever under its versioned address, and the colours as a style sheet the booking pages link.
/// </summary>
public abstract partial class V1BrandingTestsBase(ApiHost host)
{
    /// <summary>A real 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_readable_colour_and_a_welcome_are_saved_and_read_back_with_line_breaks()
    {
        var owner = await api.CreateOwner();

        var saved = await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#0B5394", welcome = "Hello!\r\nPick a time that suits you." }), 200);
        var read = await Expecting(api.Get($"/v1/owners/{owner}/branding"), 200);

        Assert.Equal(Expect.Canonical("""{"brand_color":"#0b5394","welcome":"Hello!\nPick a time that suits you.","photo_url":null}"""), Expect.Canonical(saved.ToJsonString()));
        Assert.Equal(saved.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task Null_clears_the_colour_and_the_welcome()
    {
        var owner = await api.CreateOwner();
        await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#0b5394", welcome = "Hi" }), 200);

        var cleared = await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = (string?)null, welcome = (string?)null }), 200);

        Assert.Null(cleared["brand_color"]);
        Assert.Null(cleared["welcome"]);
    }

    [Fact]
    public async Task A_colour_too_light_for_white_text_is_refused_with_its_ratio_and_a_darker_shade_that_passes()
    {
        var owner = await api.CreateOwner();
        await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#0b5394", welcome = "Kept" }), 200);

        var problem = await Expect.Problem(await api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#7aa7e8", welcome = "Changed" }), 400);

        var message = problem["errors"]!["brand_color"]![0]!.GetValue<string>();
        Assert.Contains("#7aa7e8 has a contrast of 2.46:1 against white", message, StringComparison.Ordinal);
        Assert.Contains("4.5:1", message, StringComparison.Ordinal);
        var suggestion = SuggestedColour().Match(message).Groups[1].Value;
        Assert.NotEqual("", suggestion);
        // Nothing was saved; the suggested shade is accepted as it is.
        Assert.Equal("Kept", (await Expecting(api.Get($"/v1/owners/{owner}/branding"), 200))["welcome"]!.GetValue<string>());
        var accepted = await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = suggestion, welcome = "Changed" }), 200);
        Assert.Equal(suggestion, accepted["brand_color"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#12345g")]
    [InlineData("rgb(0,0,0)")]
    public async Task A_colour_not_written_as_six_hex_digits_is_refused(string colour)
    {
        var owner = await api.CreateOwner();

        var problem = await Expect.Problem(await api.Put($"/v1/owners/{owner}/branding", new { brand_color = colour }), 400);

        Assert.Contains("#RRGGBB", problem["errors"]!["brand_color"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_welcome_longer_than_500_characters_or_with_control_characters_is_refused()
    {
        var owner = await api.CreateOwner();

        var tooLong = await Expect.Problem(await api.Put($"/v1/owners/{owner}/branding", new { welcome = new string('a', 501) }), 400);
        var control = await Expect.Problem(await api.Put($"/v1/owners/{owner}/branding", new { welcome = "Hi\u0007there" }), 400);

        Assert.Contains("at most 500 characters; it has 501", tooLong["errors"]!["welcome"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("control characters", control["errors"]!["welcome"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await Expecting(api.Put($"/v1/owners/{owner}/branding", new { welcome = new string('a', 500) }), 200);
    }

    [Fact]
    public async Task A_photo_is_served_in_the_type_its_bytes_are_and_cached_for_ever_under_its_versioned_address()
    {
        var owner = await api.CreateOwner();

        // Declared as anything: the bytes say PNG.
        var saved = await Expecting(PutPhoto(owner, Png, "application/octet-stream"), 200);
        var url = saved["photo_url"]!.GetValue<string>();
        using var photo = await api.Get(url);
        using var unversioned = await api.Get($"/v1/owners/{owner}/photo");

        Assert.Equal($"/v1/owners/{owner}/photo?v=1", url);
        Assert.Equal(200, (int)photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal(["nosniff"], photo.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("public, max-age=31536000, immutable", photo.Headers.CacheControl?.ToString());
        Assert.Equal(200, (int)unversioned.StatusCode);
        Assert.True(unversioned.Headers.CacheControl?.NoCache);
        Assert.Equal(url, (await Expecting(api.Get($"/v1/owners/{owner}/branding"), 200))["photo_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_photo_gets_a_new_address_and_a_removed_one_is_gone()
    {
        var owner = await api.CreateOwner();
        await Expecting(PutPhoto(owner, Png, "image/png"), 200);
        var gif = "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray();

        var second = await Expecting(PutPhoto(owner, gif, "image/png"), 200);
        using var served = await api.Get(second["photo_url"]!.GetValue<string>());
        Assert.Equal($"/v1/owners/{owner}/photo?v=2", second["photo_url"]!.GetValue<string>());
        Assert.Equal("image/gif", served.Content.Headers.ContentType?.MediaType);

        using var removed = await api.Delete($"/v1/owners/{owner}/photo");
        await Expect.Status(removed, 204);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/photo?v=2"), 404);
        Assert.Null((await Expecting(api.Get($"/v1/owners/{owner}/branding"), 200))["photo_url"]);
    }

    public static TheoryData<string, string, string> NotImages => new()
    {
        { """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""", "image/svg+xml", "SVG" },
        { """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>""", "image/png", "SVG" },
        { "just some text", "image/png", "PNG, JPEG, WebP or GIF" },
        { "<html><body>hi</body></html>", "image/jpeg", "PNG, JPEG, WebP or GIF" },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public async Task A_photo_that_is_not_a_png_jpeg_webp_or_gif_is_refused_whatever_it_is_declared_as(string body, string declared, string said)
    {
        var owner = await api.CreateOwner();

        var problem = await Expect.Problem(await PutPhoto(owner, Encoding.UTF8.GetBytes(body), declared), 400);

        Assert.Contains(said, problem["errors"]!["photo"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/photo"), 404);
    }

    [Fact]
    public async Task A_photo_over_one_mebibyte_or_an_empty_one_is_refused()
    {
        var owner = await api.CreateOwner();
        var large = new byte[(1024 * 1024) + 1];
        Png.CopyTo(large, 0);

        var declared = await Expect.Problem(await PutPhoto(owner, large, "image/png"), 400);
        using var chunked = new StreamContent(new MemoryStream(large));
        var unannounced = await Expect.Problem(await api.Http.PutAsync($"/v1/owners/{owner}/photo", chunked), 400);
        var empty = await Expect.Problem(await PutPhoto(owner, [], "image/png"), 400);

        Assert.Contains("at most 1 MiB", declared["errors"]!["photo"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("at most 1 MiB", unannounced["errors"]!["photo"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("empty", empty["errors"]!["photo"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        // Exactly 1 MiB is fine, though larger than other bodies may be.
        await Expecting(PutPhoto(owner, large[..^1], "image/png"), 200);
    }

    [Fact]
    public async Task The_brand_style_sheet_sets_the_colour_its_tint_and_white_ink_and_is_empty_without_a_colour()
    {
        var owner = await api.CreateOwner();
        using var plain = await api.Get($"/v1/owners/{owner}/brand.css");
        Assert.Equal(":root{}", await plain.Content.ReadAsStringAsync());

        await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#1f5fbf" }), 200);
        using var branded = await api.Get($"/v1/owners/{owner}/brand.css");

        Assert.Equal("text/css", branded.Content.Headers.ContentType?.MediaType);
        Assert.Equal(":root{--accent:#1f5fbf;--accent-soft:#e4ecf7;--accent-ink:#fff}", await branded.Content.ReadAsStringAsync());
        Assert.True(branded.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task The_booking_pages_link_the_style_sheet_after_site_css_under_an_address_cached_for_ever()
    {
        var owner = await api.CreateOwner();
        await Expecting(api.Put($"/v1/owners/{owner}/branding", new { brand_color = "#0b5394", welcome = "Hello <b>there</b>" }), 200);
        await Expecting(PutPhoto(owner, Png, "image/png"), 200);

        var page = await api.Http.GetStringAsync($"/{owner}");

        var link = BrandLink().Match(page);
        Assert.True(link.Success, "The owner's page links no brand.css.");
        Assert.True(page.IndexOf("/css/site", StringComparison.Ordinal) < link.Index, "brand.css must come after site.css.");
        using var css = await api.Get(System.Net.WebUtility.HtmlDecode(link.Groups[1].Value));
        Assert.Equal("public, max-age=31536000, immutable", css.Headers.CacheControl?.ToString());
        Assert.Contains("--accent:#0b5394", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"src=\"/v1/owners/{owner}/photo?v=1\"", page, StringComparison.Ordinal);
        Assert.Contains("Hello &lt;b&gt;there&lt;/b&gt;", page, StringComparison.Ordinal);
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var typePage = await api.Http.GetStringAsync($"/{owner}/intro");
        Assert.Equal(link.Value, BrandLink().Match(typePage).Value);
        Assert.Contains($"src=\"/v1/owners/{owner}/photo?v=1\"", typePage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_owner_has_no_branding_photo_or_style_sheet()
    {
        var nobody = NewOwner();

        await Expect.Problem(await api.Get($"/v1/owners/{nobody}/branding"), 404);
        await Expect.Problem(await api.Put($"/v1/owners/{nobody}/branding", new { brand_color = "#0b5394" }), 404);
        await Expect.Problem(await PutPhoto(nobody, Png, "image/png"), 404);
        await Expect.Problem(await api.Delete($"/v1/owners/{nobody}/photo"), 404);
        await Expect.Problem(await api.Get($"/v1/owners/{nobody}/photo"), 404);
        await Expect.Problem(await api.Get($"/v1/owners/{nobody}/brand.css"), 404);
    }

    private Task<HttpResponseMessage> PutPhoto(string owner, byte[] bytes, string declared)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declared);
        return api.Http.PutAsync($"/v1/owners/{owner}/photo", content);
    }

    [GeneratedRegex("passes: (#[0-9a-f]{6})")]
    private static partial Regex SuggestedColour();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(/v1/owners/[^\"]+/brand\\.css\\?v=[^\"]+)\">")]
    private static partial Regex BrandLink();
}

/// <summary>With Auth:Mode=ApiKey, only the owner's key changes or reads the owner's branding; the photo and style sheet stay public.</summary>
public sealed class V1BrandingAccessTests(KeyedApiHost host) : IClassFixture<KeyedApiHost>
{
    [Theory]
    [InlineData("other owner", 403)]
    [InlineData("none", 401)]
    public async Task Without_the_owners_key_the_branding_cannot_be_read_or_changed(string credentials, int expected)
    {
        var (owner, key) = await CreateOwner();
        var (_, otherKey) = await CreateOwner();
        await Expecting(host.WithKey(key).Put($"/v1/owners/{owner}/branding", new { brand_color = "#0b5394", welcome = "Mine" }), 200);
        var client = credentials == "none" ? host.Anonymous() : host.WithKey(otherKey);

        await Expect.Problem(await client.Get($"/v1/owners/{owner}/branding"), expected);
        await Expect.Problem(await client.Put($"/v1/owners/{owner}/branding", new { welcome = "Theirs" }), expected);
        await Expect.Problem(await client.Http.PutAsync($"/v1/owners/{owner}/photo", new ByteArrayContent(V1BrandingTestsBase.Png)), expected);
        await Expect.Problem(await client.Delete($"/v1/owners/{owner}/photo"), expected);

        Assert.Equal("Mine", (await Expecting(host.WithKey(key).Get($"/v1/owners/{owner}/branding"), 200))["welcome"]!.GetValue<string>());
        await Expect.Problem(await host.Anonymous().Get($"/v1/owners/{owner}/photo"), 404);
        using var css = await host.Anonymous().Get($"/v1/owners/{owner}/brand.css");
        await Expect.Status(css, 200);
    }

    private async Task<(string Owner, string Key)> CreateOwner()
    {
        var id = NewOwner();
        var created = await Expecting(host.Api().Post("/v1/owners", new { id }), 201);
        return (id, created["api_key"]!.GetValue<string>());
    }
}
