using System.Net;
using System.Text;

namespace Passport.Agent.Tests.Errors;

public sealed class ProblemResponseTests
{
    [Fact]
    public async Task Problem_json_maps_status_code_title_and_detail()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("{\"type\":\"urn:passport:problem:delegation.no_grant\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"no grant\",\"code\":\"delegation.no_grant\"}",
                Encoding.UTF8, "application/problem+json"),
        };
        var error = await ProblemResponse.ToExceptionAsync(response, default);
        Assert.Equal(403, error.Status);
        Assert.Equal("delegation.no_grant", error.Code);
        Assert.Equal("Forbidden", error.Title);
        Assert.Equal("no grant", error.Detail);
        Assert.Equal("403 delegation.no_grant: no grant", error.Message);
    }

    [Fact]
    public async Task Without_a_problem_body_the_www_authenticate_error_is_the_code()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("") };
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "DPoP realm=\"passport\", error=\"invalid_token\"");
        var error = await ProblemResponse.ToExceptionAsync(response, default);
        Assert.Equal("invalid_token", error.Code);
        Assert.Equal("invalid_token", error.AuthenticateError);
    }

    [Fact]
    public async Task A_plain_error_maps_to_http_status_code()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>", Encoding.UTF8, "text/html") };
        var error = await ProblemResponse.ToExceptionAsync(response, default);
        Assert.Equal("http.502", error.Code);
        Assert.Equal(502, error.Status);
    }

    [Fact]
    public async Task Oauth_error_bodies_map_error_and_description()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("{\"error\":\"invalid_target\",\"error_description\":\"audience not allowed\"}", Encoding.UTF8, "application/json"),
        };
        var error = await ProblemResponse.ToExceptionAsync(response, default);
        Assert.Equal("invalid_target", error.Code);
        Assert.Equal("audience not allowed", error.Detail);
    }

    [Fact]
    public void Api_errors_are_agent_errors_so_callers_catch_one_type() =>
        Assert.IsAssignableFrom<PassportAgentException>(new PassportApiException(400, "x", null, null));
}
