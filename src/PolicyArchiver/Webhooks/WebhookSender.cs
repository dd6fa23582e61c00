using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PolicyArchiver.Webhooks;

/// <summary>
/// POSTs one signed delivery, retried with exponential backoff and jitter on network errors,
/// timeouts and 408, 429 and 5xx answers: a receiver that is restarting gets the change a little
/// later rather than never. Any other answer (a 4xx) is the receiver's refusal and is not retried.
/// </summary>
internal sealed class WebhookSender
{
    public const string DeliveryHeader = "X-PolicyArchiver-Delivery";

    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookSender(HttpClient http, WebhookSettings settings, TimeProvider time)
    {
        _http = http;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.Retries > 0)
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                MaxRetryAttempts = settings.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
            });
        _pipeline = builder.AddTimeout(settings.Timeout).Build();
    }

    /// <summary>The answer's status and the number of attempts; a status of null means no answer came.</summary>
    public async Task<(int? Status, int Attempts, string? Detail)> SendAsync(WebhookSubscription subscription, string delivery, byte[] body, CancellationToken ct)
    {
        var attempts = 0;
        var signature = WebhookSignature.Of(body, subscription.Secret);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                // A request is sent once: every attempt gets its own, with the same body, signature and delivery id.
                using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.Add(WebhookSignature.Header, signature);
                request.Headers.Add(DeliveryHeader, delivery);
                request.Headers.UserAgent.ParseAdd("PolicyArchiver-Webhook");
                return await _http.SendAsync(request, token);
            }, ct);
            var status = (int)response.StatusCode;
            return (status, attempts, response.IsSuccessStatusCode ? null : $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            return (null, attempts, e.Message);
        }
    }
}
