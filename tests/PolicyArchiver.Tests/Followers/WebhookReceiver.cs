using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Followers;

/// <summary>
/// A team's endpoint on 127.0.0.1: keeps every POST it receives, and answers with the statuses it is
/// told to, in order (200 once they run out).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(byte[] Body, string? Signature, string? Delivery, string? ContentType);

    private readonly ConcurrentQueue<int> _answers;
    private WebApplication _app = null!;

    public ConcurrentQueue<Received> Posts { get; } = new();
    public Uri Url { get; private set; } = null!;

    private WebhookReceiver(IEnumerable<int> answers) => _answers = new ConcurrentQueue<int>(answers);

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var receiver = new WebhookReceiver(answers);
        var (app, baseUrl) = await LoopbackServer.StartAsync(a => a.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver.Posts.Enqueue(new Received(body.ToArray(), http.Request.Headers["X-PolicyArchiver-Signature"], http.Request.Headers["X-PolicyArchiver-Delivery"],
                http.Request.ContentType));
            return Results.StatusCode(receiver._answers.TryDequeue(out var status) ? status : 200);
        }));
        receiver._app = app;
        receiver.Url = new Uri(baseUrl, "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
