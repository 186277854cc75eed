using System.Net;

namespace Agenda.Api.Tests.OpenApi;

/// <summary>The declared-versus-observed check itself: it sees the operation even when the exception handler answers, and it fails the request.</summary>
public sealed class DeclaredStatusesTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task An_answer_of_the_exception_handler_is_attributed_to_its_operation()
    {
        using var response = await host.Api().PostRaw("/v1/owners", "{not json");

        await Expect.Problem(response, 400);
        Assert.True(DeclaredStatuses.Observed.ContainsKey(("CreateOwner", 400)));
    }

    [Fact]
    public async Task An_undeclared_status_fails_the_request_with_what_to_do()
    {
        using var client = new HttpClient(new DeclaredStatuses.ClientCheck { InnerHandler = new MarkedAnswer() });

        var error = await Assert.ThrowsAsync<UndeclaredStatusException>(() => client.GetAsync("http://127.0.0.1/v1/owners/ana"));

        Assert.Contains("GetOwner does not declare", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_status_passes_and_an_undeclared_one_names_the_operation()
    {
        var endpoint = new Microsoft.AspNetCore.Http.Endpoint(null, new(new Microsoft.AspNetCore.Routing.EndpointNameMetadata("GetOwner")), "GetOwner");

        Assert.Null(DeclaredStatuses.Check(endpoint, 404, "GET", "/v1/owners/ana"));
        Assert.Contains("GetOwner", DeclaredStatuses.Check(endpoint, 418, "GET", "/v1/owners/ana"), StringComparison.Ordinal);
        Assert.Null(DeclaredStatuses.Check(null, 405, "PATCH", "/v1/owners"));
    }

    private sealed class MarkedAnswer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            var endpoint = new Microsoft.AspNetCore.Http.Endpoint(null, new(new Microsoft.AspNetCore.Routing.EndpointNameMetadata("GetOwner")), "GetOwner");
            response.Headers.Add("X-Agenda-Undeclared-Status", DeclaredStatuses.Check(endpoint, 418, "GET", "/v1/owners/ana"));
            return Task.FromResult(response);
        }
    }
}
