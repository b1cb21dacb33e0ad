using System.Net.Mail;
using Microsoft.Extensions.Options;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Tokens;
using Passport.Server.Claims;
using Passport.Server.Configuration;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Registration;

/// <summary><c>POST /auth/register {did, ownerEmail?, name?}</c> → 201 record (seeds/004 §claim).</summary>
internal static partial class RegistrationEndpoint
{
    public const int MaxNameLength = 128;
    public const int MaxEmailLength = 254;
    private const int HandleAttempts = 8;

    public static async Task<IResult> HandleAsync(HttpContext context, IRecordStore records, ClaimTokenIssuer claims,
        TimeProvider time, ILogger<RegistrationMarker> logger)
    {
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var did = ParseDid(JsonFields.Required(root, "did", DidKey.MaxLength * 2));
        var ownerEmail = JsonFields.Optional(root, "ownerEmail", 1024);
        var name = JsonFields.Optional(root, "name", 4096);
        if (ownerEmail is not null && !IsEmail(ownerEmail))
        {
            throw ApiProblem.BadRequest(ProblemCodes.EmailInvalid, $"ownerEmail must be a plain e-mail address (at most {MaxEmailLength} characters), e.g. owner@example.com.");
        }
        if (name is not null && (name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            throw ApiProblem.BadRequest(ProblemCodes.NameTooLong, $"name must be at most {MaxNameLength} characters without control characters.");
        }
        var createdAt = time.GetUtcNow();
        var handle = await CreateAsync(records, did.Value, name, ownerEmail, createdAt);
        LogRegistered(logger, handle, did.Value);
        if (ownerEmail is not null) await claims.SendAsync(handle, ownerEmail, context.RequestAborted);
        return Results.Json(new { handle, did = did.Value, status = PassportStatus.Unclaimed, name, createdAt },
            ServerJson.Options, statusCode: StatusCodes.Status201Created);
    }

    internal static DidKey ParseDid(string did)
    {
        try
        {
            return DidKey.Parse(did);
        }
        catch (PassportFormatException e)
        {
            throw ApiProblem.BadRequest(e.Code, e.Message);
        }
    }

    private static async Task<string> CreateAsync(IRecordStore records, string did, string? name, string? ownerEmail, DateTimeOffset createdAt)
    {
        for (var attempt = 0; attempt < HandleAttempts; attempt++)
        {
            var handle = attempt < HandleAttempts / 2 ? Handle.Generate() : $"{Handle.Generate()}-{System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, 999999)}";
            if (await records.TryCreateAsync(handle, did, name, ownerEmail, createdAt)) return handle;
            if (await records.FindByDidAsync(did) is not null)
            {
                throw ApiProblem.Conflict(ProblemCodes.DidAlreadyRegistered, "This DID is already registered; rotate to a new key to register again.");
            }
        }
        throw new InvalidOperationException("Could not allocate a unique handle.");
    }

    private static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength && MailAddress.TryCreate(value, out var address)
        && address.Address == value && string.IsNullOrEmpty(address.DisplayName) && value.Contains('.', StringComparison.Ordinal);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Registered {Handle} for {Did}")]
    private static partial void LogRegistered(ILogger logger, string handle, string did);
}

/// <summary>Log category of registration.</summary>
internal sealed class RegistrationMarker;
