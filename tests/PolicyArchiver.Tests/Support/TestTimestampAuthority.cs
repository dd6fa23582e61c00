using System.Collections;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// A real RFC 3161 Time-Stamp Authority on 127.0.0.1 (random port), with its own throwaway root CA,
/// so timestamping can be tested end to end (including with openssl) on an offline machine.
/// </summary>
/// <remarks>
/// Endpoints: <see cref="Url"/> grants every well-formed request; <see cref="BrokenUrl"/> answers HTTP 500;
/// <see cref="RejectingUrl"/> answers a well-formed TimeStampResp with status rejection.
/// </remarks>
public sealed class TestTimestampAuthority : IAsyncDisposable
{
    /// <summary>The TSA policy under which every token is issued (a private-enterprise arc reserved for examples).</summary>
    public static readonly string PolicyOid = "1.3.6.1.4.1.99999.1";

    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string ReplyMediaType = "application/timestamp-reply";

    // PKIFailureInfo bit numbers (RFC 3161 section 2.4.2).
    private const int BadDataFormat = 5;
    private const int TimeNotAvailable = 14;
    private const int UnacceptedPolicy = 15;
    private const int UnacceptedExtension = 16;

    private readonly WebApplication _app;
    private readonly byte[] _signingCertificateV2;
    private int _requests;

    /// <summary>The granting endpoint, e.g. http://127.0.0.1:PORT/tsa.</summary>
    public Uri Url { get; }

    /// <summary>An endpoint that always answers HTTP 500, like a TSA behind a failing proxy.</summary>
    public Uri BrokenUrl { get; }

    /// <summary>An endpoint that answers HTTP 200 with a TimeStampResp of status rejection (failInfo timeNotAvailable).</summary>
    public Uri RejectingUrl { get; }

    /// <summary>The self-signed root (for openssl -CAfile).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>The signing certificate, issued by <see cref="CaCertificate"/>, with its private key.</summary>
    public X509Certificate2 TsaCertificate { get; }

    /// <summary>POST requests received on any endpoint.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private TestTimestampAuthority(WebApplication app, Uri baseUrl, X509Certificate2 ca, X509Certificate2 tsa)
    {
        _app = app;
        Url = new Uri(baseUrl, "/tsa");
        BrokenUrl = new Uri(baseUrl, "/tsa-broken");
        RejectingUrl = new Uri(baseUrl, "/tsa-rejecting");
        CaCertificate = ca;
        TsaCertificate = tsa;
        _signingCertificateV2 = SigningCertificateV2(tsa);
    }

    public static async Task<TestTimestampAuthority> StartAsync()
    {
        var (ca, tsa) = CreateCertificates();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestTimestampAuthority? authority = null;
        app.MapPost("/tsa", http => authority!.GrantAsync(http));
        app.MapPost("/tsa-broken", http => authority!.BrokenAsync(http));
        app.MapPost("/tsa-rejecting", http => authority!.RejectAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        authority = new TestTimestampAuthority(app, new Uri(address), ca, tsa);
        return authority;
    }

    public string CaPem() => CaCertificate.ExportCertificatePem() + "\n";

    public string TsaChainPem() => TsaCertificate.ExportCertificatePem() + "\n";

    private async Task GrantAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        await ReplyAsync(http, Respond(buffer.ToArray()));
    }

    private async Task BrokenAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.ContentType = "text/html";
        await http.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", http.RequestAborted);
    }

    private async Task RejectAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        await ReplyAsync(http, Rejection(TimeNotAvailable, "clock not synchronised"));
    }

    private static async Task ReplyAsync(HttpContext http, byte[] reply)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ReplyMediaType;
        http.Response.ContentLength = reply.Length;
        await http.Response.Body.WriteAsync(reply, http.RequestAborted);
    }

    private byte[] Respond(byte[] query)
    {
        if (!Rfc3161TimestampRequest.TryDecode(query, out var request, out var consumed) || consumed != query.Length)
            return Rejection(BadDataFormat, "not a DER TimeStampReq");
        if (request.RequestedPolicyId is { } policy && policy.Value != PolicyOid)
            return Rejection(UnacceptedPolicy, $"only policy {PolicyOid} is offered");
        if (request.HasExtensions)
            return Rejection(UnacceptedExtension, "no extensions are supported");

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive and minimally encoded
        var info = new Rfc3161TimestampTokenInfo(
            new Oid(PolicyOid),
            request.HashAlgorithmId,
            request.GetMessageHash(),
            serial,
            DateTimeOffset.UtcNow,
            nonce: request.GetNonce());

        var cms = new SignedCms(new ContentInfo(new Oid(TstInfoContentType), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, TsaCertificate)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = request.RequestSignerCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        // RFC 3161 2.4.1 / RFC 5816: without it .NET and openssl refuse the token, because nothing would bind the signer certificate.
        signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, _signingCertificateV2));
        cms.ComputeSignature(signer, silent: true);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
                writer.WriteInteger(0); // granted
            writer.WriteEncodedValue(cms.Encode());
        }

        return writer.Encode();
    }

    private static byte[] Rejection(int failureBit, string text)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteInteger(2); // rejection
            using (writer.PushSequence())
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, text);
            var bits = new BitArray(failureBit + 1);
            bits[failureBit] = true;
            writer.WriteNamedBitList(bits);
        }

        return writer.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2 for the TSA certificate.</summary>
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())         // SigningCertificateV2
        using (writer.PushSequence())         // certs
        using (writer.PushSequence())         // ESSCertIDv2; hashAlgorithm omitted because it is the DEFAULT, id-sha256
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (writer.PushSequence())     // IssuerSerial
            {
                using (writer.PushSequence()) // GeneralNames
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true))) // directoryName [4] (explicit: Name is a CHOICE)
                    writer.WriteEncodedValue(certificate.IssuerName.RawData);
                writer.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }

        return writer.Encode();
    }

    private static (X509Certificate2 Ca, X509Certificate2 Tsa) CreateCertificates()
    {
        // Whole seconds: certificates store no fractions, and the TSA certificate must not outlive its issuer.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=PolicyArchiver Test TSA Root, O=PolicyArchiver Tests", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var tsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tsaRequest = new CertificateRequest("CN=PolicyArchiver Test TSA, O=PolicyArchiver Tests", tsaKey, HashAlgorithmName.SHA256);
        tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // RFC 3161 2.3: the TSA certificate must have exactly this one extended key usage, marked critical.
        tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStampingEku)], true));
        tsaRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(tsaRequest.PublicKey, false));
        tsaRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using var issued = tsaRequest.Create(ca, now.AddDays(-1), now.AddDays(29), serial);
        var tsa = issued.CopyWithPrivateKey(tsaKey);
        return (ca, tsa);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        TsaCertificate.Dispose();
        CaCertificate.Dispose();
    }
}
