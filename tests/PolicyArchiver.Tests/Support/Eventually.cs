namespace PolicyArchiver.Tests.Support;

/// <summary>
/// Waits for something a background service will do, polling. The timeout is generous and only
/// bounds a failing test; it is not what the test asserts.
/// </summary>
public static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for: {what}");
            await Task.Delay(200);
        }
    }
}
