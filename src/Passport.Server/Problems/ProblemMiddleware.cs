namespace Passport.Server.Problems;

/// <summary>
/// Turns <see cref="ApiProblem"/>, oversized bodies and unexpected failures into problem+json, and gives bodiless
/// 404/405 responses a problem body, so that no bad input ever produces a 500 or an HTML error page.
/// </summary>
internal sealed partial class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiProblem problem) when (!context.Response.HasStarted)
        {
            // A 503 (replay store unreachable) is transient: tell the client when to retry, as the Passport scheme does.
            if (problem.Status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "1";
            await ProblemWriter.WriteAsync(context, problem.Status, problem.Code, problem.Message, problem.WwwAuthenticate, problem.OAuthError);
            return;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var tooLarge = e.StatusCode == StatusCodes.Status413PayloadTooLarge;
            await ProblemWriter.WriteAsync(context, e.StatusCode,
                tooLarge ? ProblemCodes.BodyTooLarge : ProblemCodes.BadRequest,
                tooLarge ? "The request body is larger than the 64 KB allowed." : "The request could not be read.");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
            await ProblemWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "The server failed to handle the request.");
            return;
        }
        if (!context.Response.HasStarted && context.Response.ContentLength is null && context.Response.ContentType is null
            && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            var status = context.Response.StatusCode;
            await ProblemWriter.WriteAsync(context, status, status == 404 ? ProblemCodes.NotFound : "request.method_not_allowed",
                status == 404 ? "No resource at this path." : "This method is not allowed on this path.");
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
