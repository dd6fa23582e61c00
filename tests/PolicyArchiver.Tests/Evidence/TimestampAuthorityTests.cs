using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using PolicyArchiver.Evidence;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Evidence;

public sealed class TimestampAuthorityTests : IAsyncLifetime
{
    private static readonly byte[] Checkpoint = Encoding.UTF8.GetBytes(
        "policyarchiver ledger checkpoint\nsize 42\nroot 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "policyarchiver-tests", Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private TestTimestampAuthority _tsa = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _tsa = await TestTimestampAuthority.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _tsa.DisposeAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static byte[] Altered(byte[] data)
    {
        var copy = (byte[])data.Clone();
        copy[^2] ^= 0x01; // one bit of the root hash
        return copy;
    }

    [Fact]
    public async Task A_timestamp_from_the_TSA_verifies_against_its_data_and_attests_the_current_time_signed_by_the_TSA_certificate()
    {
        var before = DateTimeOffset.UtcNow;

        var tsr = await new TimestampAuthority(_http, _tsa.Url).TimestampAsync(Checkpoint);
        var (time, signer) = TimestampAuthority.Verify(tsr, Checkpoint);

        Assert.InRange(time, before.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(_tsa.TsaCertificate.Thumbprint, signer.Thumbprint);
        Assert.Equal(1, _tsa.Requests);
    }

    [Fact]
    public async Task Verify_rejects_the_timestamp_for_different_data()
    {
        var tsr = await new TimestampAuthority(_http, _tsa.Url).TimestampAsync(Checkpoint);

        var error = Assert.Throws<CryptographicException>(() => TimestampAuthority.Verify(tsr, Altered(Checkpoint)));

        Assert.Contains("other data", error.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Checkpoint)), error.Message);
    }

    [Fact]
    public async Task Verify_rejects_a_timestamp_whose_signature_was_tampered_with()
    {
        var tsr = await new TimestampAuthority(_http, _tsa.Url).TimestampAsync(Checkpoint);
        tsr[^1] ^= 0x01; // the SignerInfo, and so its signature value, ends the response

        var error = Assert.Throws<CryptographicException>(() => TimestampAuthority.Verify(tsr, Checkpoint));

        Assert.Contains("signature", error.Message);
    }

    [Fact]
    public void Verify_rejects_bytes_that_are_not_a_time_stamp_response()
    {
        var error = Assert.Throws<CryptographicException>(() => TimestampAuthority.Verify(Checkpoint, Checkpoint));

        Assert.Contains("TimeStampResp", error.Message);
    }

    [Fact]
    public async Task Openssl_ts_verify_accepts_the_timestamp_for_its_data_against_the_TSA_root_and_rejects_altered_data()
    {
        var tsr = await new TimestampAuthority(_http, _tsa.Url).TimestampAsync(Checkpoint);
        var data = Path.Combine(_dir, "checkpoint.txt");
        var altered = Path.Combine(_dir, "altered.txt");
        var reply = data + ".tsr";
        var caPem = Path.Combine(_dir, "ca.pem");
        var tsaPem = Path.Combine(_dir, "tsa.pem");
        await File.WriteAllBytesAsync(data, Checkpoint);
        await File.WriteAllBytesAsync(altered, Altered(Checkpoint));
        await File.WriteAllBytesAsync(reply, tsr);
        await File.WriteAllTextAsync(caPem, _tsa.CaPem());
        await File.WriteAllTextAsync(tsaPem, _tsa.TsaChainPem());

        var text = await OpenSslAsync("ts", "-reply", "-in", reply, "-text");
        Assert.True(text.ExitCode == 0, text.Output);
        Assert.Contains("Status: Granted.", text.Output);
        Assert.Contains(TestTimestampAuthority.PolicyOid, text.Output);

        var good = await OpenSslAsync("ts", "-verify", "-data", data, "-in", reply, "-CAfile", caPem, "-untrusted", tsaPem);
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Contains("Verification: OK", good.Output);

        var bad = await OpenSslAsync("ts", "-verify", "-data", altered, "-in", reply, "-CAfile", caPem, "-untrusted", tsaPem);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.DoesNotContain("Verification: OK", bad.Output);
        Assert.Contains("Verification: FAILED", bad.Output);
    }

    [Fact]
    public async Task A_TSA_answering_HTTP_500_fails_with_an_error_naming_its_URL_and_status()
    {
        var client = new TimestampAuthority(_http, _tsa.BrokenUrl);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.TimestampAsync(Checkpoint));

        Assert.Contains(_tsa.BrokenUrl.ToString(), error.Message);
        Assert.Contains("500", error.Message);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(1, _tsa.Requests);
    }

    [Fact]
    public async Task A_TSA_rejecting_the_request_fails_with_an_error_naming_its_URL_status_and_reason()
    {
        var client = new TimestampAuthority(_http, _tsa.RejectingUrl);

        var error = await Assert.ThrowsAsync<CryptographicException>(() => client.TimestampAsync(Checkpoint));

        Assert.Contains(_tsa.RejectingUrl.ToString(), error.Message);
        Assert.Contains("rejection (2)", error.Message);
        Assert.Contains("clock not synchronised", error.Message);
        Assert.Contains("timeNotAvailable", error.Message);
    }

    [Fact]
    public async Task An_unreachable_TSA_fails_with_an_error_naming_its_URL()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on the port any more
        var url = new Uri($"http://127.0.0.1:{port}/tsa");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new TimestampAuthority(_http, url).TimestampAsync(Checkpoint));

        Assert.Contains(url.ToString(), error.Message);
        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
    }

    private static async Task<(int ExitCode, string Output)> OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
