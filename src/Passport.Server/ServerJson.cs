using System.Text.Json;

namespace Passport.Server;

/// <summary>JSON settings of every response body: camelCase (as seeds/004 names fields), nulls omitted.</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
