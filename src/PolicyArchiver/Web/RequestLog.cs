using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Web;

/// <summary>
/// One log line per HTTP request: method, path, status and duration. The path only, never the
/// query string: a query is where a token or an address would travel, and none belongs in a log.
/// </summary>
internal static partial class RequestLog
{
    /// <summary>The category operators filter on (e.g. <c>Logging__LogLevel__PolicyArchiver.Web.Requests=Warning</c> to silence it).</summary>
    public const string Category = "PolicyArchiver.Web.Requests";

    public static Func<HttpContext, Func<Task>, Task> Middleware(ILoggerFactory loggers, TimeProvider time)
    {
        var logger = loggers.CreateLogger(Category);
        return async (http, next) =>
        {
            // Read before the site answers: HEAD is rewritten to GET further down the pipeline.
            var method = http.Request.Method;
            var path = (http.Request.PathBase + http.Request.Path).ToString();
            var started = time.GetTimestamp();
            int? failed = null;
            try
            {
                await next();
            }
            catch
            {
                failed = StatusCodes.Status500InternalServerError; // what the server answers once the exception reaches it
                throw;
            }
            finally
            {
                var status = failed ?? http.Response.StatusCode;
                var ms = time.GetElapsedTime(started).TotalMilliseconds;
                // A container's health check every few seconds would otherwise be most of the log.
                if (path is HealthEndpoints.Liveness or HealthEndpoints.Readiness && status < 500) Probed(logger, method, path, status, ms);
                else Answered(logger, method, path, status, ms);
            }
        };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {StatusCode} {DurationMs:0.0} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, double durationMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Path} {StatusCode} {DurationMs:0.0} ms")]
    private static partial void Probed(ILogger logger, string method, string path, int statusCode, double durationMs);
}
