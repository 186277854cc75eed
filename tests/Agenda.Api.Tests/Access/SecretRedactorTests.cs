using Agenda.Api.Platform.Access;

namespace Agenda.Api.Tests.Access;

public sealed class SecretRedactorTests
{
    private const string AdminKey = "an-administrator-key-of-some-length/with+odd=chars";

    private readonly SecretRedactor redactor = new(AdminKey);

    [Theory]
    [InlineData("GET http://h/v1/bookings/b1?token=bkt_AbC-_9&x=1", "GET http://h/v1/bookings/b1?token=[redacted]&x=1")]
    [InlineData("GET /v1/bookings/b1?token=mistyped-secret", "GET /v1/bookings/b1?token=[redacted]")]
    [InlineData("GET /v1/feeds/fdt_Zq9-x_Y.ics", "GET /v1/feeds/fdt_[redacted].ics")]
    [InlineData("key agk_0123456789abcdef_Secret-_x used", "key agk_[redacted] used")]
    [InlineData("booking bkt_Secret in a message", "booking bkt_[redacted] in a message")]
    [InlineData("signing whsec_Secret", "signing whsec_[redacted]")]
    [InlineData("GET /console/sign-up?invite=inv_Secret-_9", "GET /console/sign-up?invite=inv_[redacted]")]
    [InlineData("GET /console/reset-password?account=a1&code=Q2ZESjh-x", "GET /console/reset-password?account=a1&code=[redacted]")]
    [InlineData("GET /console/signin-oidc?code=abc.def&state=s", "GET /console/signin-oidc?code=[redacted]&state=s")]
    [InlineData("Response StatusCode=200", "Response StatusCode=200")]
    [InlineData("Authorization: Bearer something-secret", "Authorization: Bearer [redacted]")]
    [InlineData("admin " + AdminKey + " and an-administrator-key-of-some-length%2Fwith%2Bodd%3Dchars", "admin [redacted] and [redacted]")]
    public void Secrets_become_their_prefix_and_a_mark(string text, string expected)
    {
        Assert.Equal(expected, redactor.Redact(text));
    }

    [Fact]
    public void Text_without_a_secret_is_returned_as_it_is()
    {
        const string text = "Request finished HTTP/1.1 GET http://127.0.0.1/v1/owners/ana - 200";

        Assert.False(redactor.TryRedact(text, out _));
        Assert.Same(text, redactor.Redact(text));
    }
}
