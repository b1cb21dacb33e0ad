using System.Text.Json;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;

namespace Passport.Browser.Tests.Vectors;

/// <summary>The browser modules (passes/*.js) against the vectors the C# library is tested with.</summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class JsVectorTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Every_shared_vector_passes_in_chromium()
    {
        await using var provider = await ProviderHost.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(provider.PageUrl);

        using var vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "passes-vectors.json")));
        var all = vectors.RootElement.GetProperty("vectors");
        var outcome = await page.EvaluateAsync<JsonElement>(Scripts.Read("run-vectors.js"), all.GetRawText());

        var failures = outcome.GetProperty("failures").EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()}: {f.GetProperty("message").GetString()}")
            .ToList();
        Assert.Empty(failures);
        Assert.Equal(all.GetArrayLength(), outcome.GetProperty("checked").GetInt32());
    }
}
