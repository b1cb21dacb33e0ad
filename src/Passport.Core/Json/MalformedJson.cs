using System.Text.Json;
using Passport.Core.Errors;

namespace Passport.Core.Json;

/// <summary>
/// The exceptions System.Text.Json raises for input that is not well-formed, so that every parser entry point maps
/// them to its own typed error with one filter. <see cref="JsonException"/> is not the only one: reading a string
/// that holds an escaped lone surrogate (<c>"\ud800"</c>) or invalid UTF-8 throws <see cref="InvalidOperationException"/>
/// from <c>GetString</c>, transcoding a .NET string that is not valid UTF-16 throws <see cref="ArgumentException"/>,
/// and base64/number conversions throw <see cref="FormatException"/>. A <see cref="PassportFormatException"/> is
/// already typed and is never remapped.
/// </summary>
internal static class MalformedJson
{
    /// <summary>True when <paramref name="exception"/> means "the input is malformed", not a defect of the caller.</summary>
    public static bool Is(Exception exception) =>
        exception is JsonException or InvalidOperationException or ArgumentException
        || (exception is FormatException && exception is not PassportFormatException);
}
