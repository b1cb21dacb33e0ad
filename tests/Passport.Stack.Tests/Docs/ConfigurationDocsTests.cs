using System.Text.Json;
using System.Text.RegularExpressions;
using Passport.Gateway.Configuration;
using Passport.Server.Configuration;

namespace Passport.Stack.Tests.Docs;

/// <summary>
/// docs/configuration.md and the options classes cannot drift apart: every option is documented in its component's
/// section with its default, and every key the page names (plain, environment-variable or JSON form) exists.
/// </summary>
public sealed partial class ConfigurationDocsTests
{
    private const string GatewayHeading = "Passport.Gateway";
    private const string ServerHeading = "Passport.Server";

    private static readonly IReadOnlyList<OptionKey> GatewayKeys = OptionKeys.Of(typeof(PassportGatewayOptions), PassportGatewayOptions.SectionName);
    private static readonly IReadOnlyList<OptionKey> ServerKeys = OptionKeys.Of(typeof(PassportServerOptions), PassportServerOptions.SectionName);
    private static readonly Lazy<string> Page = new(() => File.ReadAllText(TestPaths.InRepo("docs/configuration.md")));

    public static TheoryData<string> Components => [GatewayHeading, ServerHeading];

    [Fact]
    public void Reflection_finds_the_nested_options()
    {
        Assert.Contains(GatewayKeys, k => k.Key == "Passport:Replay:Store");
        Assert.Contains(GatewayKeys, k => k.Key == "Passport:Dpop:Nonce:RotationSeconds");
        Assert.Contains(ServerKeys, k => k.Key == "Passport:Storage:Provider");
        Assert.DoesNotContain(GatewayKeys, k => k.Key == "Passport:EffectiveJwksUri");
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Every_option_is_documented_in_its_component_section(string component)
    {
        var section = Section(component);
        var documented = Keys(section).ToHashSet(StringComparer.Ordinal);
        var missing = KeysOf(component).Where(k => !documented.Contains(k.Key)).Select(k => k.Key).ToList();
        Assert.True(missing.Count == 0, $"docs/configuration.md, section '{component}', does not document: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Every_documented_key_exists_in_the_options_of_its_component(string component)
    {
        var known = KeysOf(component).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var section = Section(component);
        var unknown = Keys(section).Concat(EnvironmentKeys(section)).Concat(JsonKeys(section))
            .Where(k => !known.Contains(k)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"docs/configuration.md, section '{component}', names keys that {component} does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_key_outside_the_component_sections_exists_somewhere()
    {
        var known = GatewayKeys.Concat(ServerKeys).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var rest = Page.Value;
        foreach (var component in new[] { GatewayHeading, ServerHeading })
        {
            rest = rest.Replace(Section(component), "", StringComparison.Ordinal);
        }

        var unknown = Keys(rest).Concat(EnvironmentKeys(rest)).Concat(JsonKeys(rest)).Where(k => !known.Contains(k)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"docs/configuration.md names keys no options class has: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Every_table_row_shows_the_default_and_an_environment_variable_of_its_own_key(string component)
    {
        var options = KeysOf(component).ToDictionary(k => k.Key, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var row in Section(component).Split('\n').Where(l => l.StartsWith('|')))
        {
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 4 || Keys(cells[1]).ToList() is not [var key] || !options.TryGetValue(key, out var option))
            {
                continue;
            }

            var spellings = option.DefaultSpellings;
            var quoted = Quoted().Matches(cells[2]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            if (spellings.Count > 0 && !spellings.Any(quoted.Contains))
            {
                problems.Add($"{key}: default column '{cells[2]}' does not show the default `{spellings[0]}`");
            }

            var environment = EnvironmentKeys(row).ToList();
            if (environment.Count == 0)
            {
                problems.Add($"{key}: no environment-variable example (Passport__…) in its row");
            }
            else if (environment.Any(e => e != key))
            {
                problems.Add($"{key}: the environment-variable example names {string.Join(", ", environment)}");
            }
        }

        Assert.True(problems.Count == 0, $"docs/configuration.md, section '{component}':\n{string.Join("\n", problems)}");
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void The_component_section_has_a_json_example_that_parses(string component)
    {
        var blocks = JsonBlocks().Matches(Section(component)).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            using var document = JsonDocument.Parse(block, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    private static IReadOnlyList<OptionKey> KeysOf(string component) => component == GatewayHeading ? GatewayKeys : ServerKeys;

    /// <summary>The text from the level-2 heading that names <paramref name="component"/> to the next level-2 heading.</summary>
    private static string Section(string component)
    {
        var text = Page.Value;
        var match = Regex.Match(text, $@"^## [^\n]*{Regex.Escape(component)}[^\n]*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"docs/configuration.md has no '## … {component}' section");
        var next = text.IndexOf("\n## ", match.Index + match.Length, StringComparison.Ordinal);
        return next < 0 ? text[match.Index..] : text[match.Index..next];
    }

    /// <summary><c>Passport:A:B</c> keys; list indices (<c>:0</c>) are not part of a key.</summary>
    private static IEnumerable<string> Keys(string text) => PlainKey().Matches(text).Select(m => m.Value);

    /// <summary>
    /// <c>Passport__A__B</c> environment variables, as keys. A list index ends the key: <c>Passport__Issuers__0__Issuer</c>
    /// sets a field of an entry of the <c>Passport:Issuers</c> list, whose fields have their own table.
    /// </summary>
    private static IEnumerable<string> EnvironmentKeys(string text) =>
        EnvironmentKey().Matches(text).Select(m => string.Join(':', m.Value.Split("__").TakeWhile(p => !p.All(char.IsAsciiDigit))));

    /// <summary>Every leaf under a top-level <c>Passport</c> object of the JSON examples, as keys.</summary>
    private static IEnumerable<string> JsonKeys(string text)
    {
        var keys = new List<string>();
        foreach (Match block in JsonBlocks().Matches(text))
        {
            using var document = JsonDocument.Parse(block.Groups[1].Value, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("Passport", out var passport))
            {
                Flatten(passport, "Passport", keys);
            }
        }

        return keys;
    }

    private static void Flatten(JsonElement element, string prefix, List<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, $"{prefix}:{property.Name}", keys);
            }
        }
        else
        {
            keys.Add(prefix);
        }
    }

    [GeneratedRegex(@"Passport(?::[A-Za-z][A-Za-z0-9]*)+")]
    private static partial Regex PlainKey();

    [GeneratedRegex(@"Passport(?:__[A-Za-z0-9]+)+")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"```json\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlocks();
}
