using System.Text.Json.Serialization;

namespace Passes;

/// <summary>The request body of <c>org.passes.provide-pass</c>: <c>{"uri": string, "principal"?: string}</c>.</summary>
/// <param name="Uri">The URI to use as the user's Pass Provider.</param>
/// <param name="Principal">Optional identifier of the user at the Pass Provider; omitted from the JSON when null.</param>
public sealed record ProvidePassRequest(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("principal"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Principal = null);
