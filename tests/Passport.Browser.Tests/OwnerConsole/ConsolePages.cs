using System.Text.Json;
using Microsoft.Playwright;

namespace Passport.Browser.Tests.OwnerConsole;

/// <summary>What the tests read from and do on console pages in Chromium.</summary>
public static class ConsolePages
{
    /// <summary>
    /// Submits the form of the button named <paramref name="buttonName"/> and returns the final response of the
    /// navigation (after a 303 the console's page, else the refusal).
    /// </summary>
    public static Task<IResponse> SubmitAsync(IPage page, string buttonName) =>
        page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = buttonName, Exact = true }).ClickAsync(),
            IsFinalNavigation);

    /// <summary>A response the browser shows: a navigation, not a redirect.</summary>
    public static bool IsFinalNavigation(IResponse response) => response.Request.IsNavigationRequest && response.Status is < 300 or >= 400;

    /// <summary>
    /// Posts a form built in <paramref name="page"/> (same origin, so with the page's session cookie) to
    /// <paramref name="action"/> with <paramref name="fields"/>, as a browser form submission; returns the final response.
    /// </summary>
    public static Task<IResponse> PostFormAsync(IPage page, string action, IReadOnlyDictionary<string, string> fields) =>
        page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync(
                """
                ([action, fields]) => {
                  const form = document.createElement('form');
                  form.method = 'post';
                  form.action = action;
                  for (const [name, value] of Object.entries(fields)) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                  }
                  document.body.appendChild(form);
                  form.submit();
                }
                """,
                new object[] { action, fields }),
            IsFinalNavigation);

    /// <summary>The session's CSRF token, from a hidden field of the console page.</summary>
    public static Task<string> CsrfAsync(IPage page) => page.Locator("input[name='csrf']").First.InputValueAsync();

    /// <summary>The <c>code</c> of the RFC 9457 problem the browser shows, read from the response body.</summary>
    public static async Task<string?> ProblemCodeAsync(IResponse response)
    {
        var body = JsonDocument.Parse(await response.TextAsync()).RootElement;
        return body.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    /// <summary>The row of the agent table for <paramref name="handle"/>.</summary>
    public static ILocator AgentRow(IPage page, string handle) => page.Locator($"#agents tr[data-handle='{handle}']");
}
