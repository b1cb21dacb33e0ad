using System.Text.Json;
using System.Text.Json.Serialization;

namespace Passport.Load.Reports;

/// <summary>Writes reports as indented camelCase JSON.</summary>
public static class JsonReport
{
    /// <summary>The serializer options used for every report.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serialises <paramref name="report"/>.</summary>
    public static string Serialize(SuiteReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(SuiteReport report, string path, CancellationToken cancellationToken = default) =>
        await File.WriteAllTextAsync(path, Serialize(report), cancellationToken).ConfigureAwait(false);
}
