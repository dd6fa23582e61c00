using System.Collections;
using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace PolicyArchiver.Evidence;

/// <summary>
/// RFC 3161 client: asks a Time-Stamp Authority to timestamp the SHA-256 of some bytes.
/// A third party's signed time is what lets an auditor believe a ledger checkpoint existed at a given
/// moment without having to trust the clock (or the honesty) of the machine that ran the archiver.
/// </summary>
/// <remarks>
/// Only the digest leaves the machine, so timestamping never discloses the archived documents to the TSA.
/// The class does not decide whether the TSA is trustworthy: chain building against the TSA's root is left to the
/// auditor (for example <c>openssl ts -verify -CAfile</c>), because the roots an auditor accepts are theirs to choose.
/// </remarks>
internal sealed class TimestampAuthority(HttpClient http, Uri url)
{
    private const string QueryMediaType = "application/timestamp-query";
    private const string ReplyMediaType = "application/timestamp-reply";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateOid = "1.2.840.113549.1.9.16.2.12";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Kept so that every failure can name the TSA: an operator with several configured TSAs must know which one misbehaved.</summary>
    public Uri Url { get; } = url ?? throw new ArgumentNullException(nameof(url));

    /// <summary>
    /// Returns the DER bytes of the TSA's whole TimeStampResp (what <c>openssl ts -reply</c> calls a .tsr).
    /// The whole response is kept, not just the token, because that is the file auditors' tools read directly.
    /// The response is checked (granted, same hash and nonce as our request, valid signature by a time-stamping certificate)
    /// before it is returned, so that a replayed, foreign or broken answer is never stored as evidence.
    /// </summary>
    /// <exception cref="HttpRequestException">The TSA could not be reached or did not answer with HTTP success and a time-stamp reply.</exception>
    /// <exception cref="CryptographicException">The TSA refused, or its answer is not a valid timestamp of our request.</exception>
    public async Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
    {
        // The nonce ties the answer to this request, so a recorded older answer for the same bytes cannot be replayed to us.
        var request = Rfc3161TimestampRequest.CreateFromData(
            data.Span, HashAlgorithmName.SHA256, nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);

        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ReplyMediaType));

        using var response = await SendAsync(message, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Time-Stamp Authority {Url} answered HTTP {(int)response.StatusCode}{(string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase)}.",
                inner: null,
                response.StatusCode);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, ReplyMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException(
                $"Time-Stamp Authority {Url} answered with content type '{mediaType ?? "(none)"}' instead of {ReplyMediaType}; is the URL really an RFC 3161 endpoint?",
                inner: null,
                response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var source = $"Time-Stamp Authority {Url}";

        // Parsed ourselves first because ProcessResponse reports a refusal without the TSA's status, text and failure reasons.
        var tokenBytes = ReadGrantedToken(body, source);

        Rfc3161TimestampToken token;
        int consumed;
        try
        {
            token = request.ProcessResponse(body, out consumed);
        }
        catch (CryptographicException e)
        {
            // ProcessResponse says only "not understood"; tell the operator whether the token itself is bad or merely not ours.
            var reason = Rfc3161TimestampToken.TryDecode(tokenBytes, out _, out _)
                ? "it does not match our request (hash, nonce or requested certificate)"
                : $"it does not hold a valid RFC 3161 time-stamp token: {DiagnoseToken(tokenBytes)}";
            throw new CryptographicException($"{source} returned a timestamp we cannot accept: {reason} ({e.Message.TrimEnd('.')}).", e);
        }

        if (consumed != body.Length)
            throw new CryptographicException($"{source} returned {body.Length - consumed} bytes after its TimeStampResp.");

        // ProcessResponse already compares both, but the evidence is only as good as these two checks, so they are stated here explicitly.
        if (!token.TokenInfo.GetMessageHash().Span.SequenceEqual(request.GetMessageHash().Span))
            throw new CryptographicException($"{source} timestamped a different hash than the one we sent.");
        var sentNonce = request.GetNonce();
        var echoedNonce = token.TokenInfo.GetNonce();
        if (sentNonce is null || echoedNonce is null || !echoedNonce.Value.Span.SequenceEqual(sentNonce.Value.Span))
            throw new CryptographicException($"{source} did not echo our nonce; the answer may be a replay.");

        if (!token.VerifySignatureForData(data.Span, out _))
            throw new CryptographicException($"{source} returned a timestamp whose signature does not verify.");

        return body;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException e)
        {
            // HttpClient names only host and port; with several TSAs configured the operator needs the full endpoint.
            throw new HttpRequestException(e.HttpRequestError, $"Time-Stamp Authority {Url} could not be reached: {e.Message}", e, e.StatusCode);
        }
    }

    /// <summary>
    /// Checks a stored .tsr against the data, so that evidence read back from the archive is proven to belong to
    /// exactly these bytes before anyone relies on its time. Returns the time the TSA attested and the certificate that signed it;
    /// whether that certificate is trusted is the caller's decision (see the class remarks).
    /// </summary>
    /// <exception cref="CryptographicException">The response is malformed, not granted, for other data, or its signature is invalid.</exception>
    public static (DateTimeOffset Time, X509Certificate2 Signer) Verify(ReadOnlySpan<byte> timeStampResponse, ReadOnlySpan<byte> data)
    {
        const string source = "The time-stamp response";
        var tokenBytes = ReadGrantedToken(timeStampResponse.ToArray(), source);

        if (!Rfc3161TimestampToken.TryDecode(tokenBytes, out var token, out var consumed) || consumed != tokenBytes.Length)
            throw new CryptographicException($"{source} does not hold a valid RFC 3161 time-stamp token: {DiagnoseToken(tokenBytes)}.");

        var info = token.TokenInfo;
        if (info.HashAlgorithmId.Value != Sha256Oid)
        {
            throw new CryptographicException(
                $"{source} attests a {info.HashAlgorithmId.FriendlyName ?? info.HashAlgorithmId.Value} digest, but evidence is always timestamped with SHA-256.");
        }

        var expected = SHA256.HashData(data);
        if (!info.GetMessageHash().Span.SequenceEqual(expected))
        {
            throw new CryptographicException(
                $"{source} is for other data: it attests SHA-256 {Convert.ToHexStringLower(info.GetMessageHash().Span)}, " +
                $"the data's SHA-256 is {Convert.ToHexStringLower(expected)}.");
        }

        if (!token.VerifySignatureForData(data, out var signer))
            throw new CryptographicException($"{source} cannot be verified: {DiagnoseToken(tokenBytes)}.");

        return (info.Timestamp, signer);
    }

    /// <summary>
    /// Reads TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL } and returns the token,
    /// turning any refusal into an exception that carries the TSA's own explanation, since that is what an operator needs to fix it.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadGrantedToken(ReadOnlyMemory<byte> response, string source)
    {
        try
        {
            var outer = new AsnReader(response, AsnEncodingRules.DER);
            var resp = outer.ReadSequence();
            EnsureEnd(outer);

            var statusInfo = resp.ReadSequence();
            var status = statusInfo.ReadInteger();
            string? text = null;
            if (statusInfo.HasData && statusInfo.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var freeText = statusInfo.ReadSequence();
                var lines = new List<string>();
                while (freeText.HasData)
                    lines.Add(freeText.ReadCharacterString(UniversalTagNumber.UTF8String));
                text = string.Join("; ", lines);
            }

            BitArray? failInfo = statusInfo.HasData ? statusInfo.ReadNamedBitList() : null;
            EnsureEnd(statusInfo);

            if (status != 0 && status != 1)
            {
                var detail = text is { Length: > 0 } ? $" \"{text}\"" : "";
                var reasons = FailureNames(failInfo);
                var reasonText = reasons.Count > 0 ? $" (failInfo: {string.Join(", ", reasons)})" : "";
                throw new CryptographicException($"{source} refused to timestamp: status {StatusName(status)}{detail}{reasonText}.");
            }

            if (!resp.HasData)
                throw new CryptographicException($"{source} has status {StatusName(status)} but carries no time-stamp token.");
            var token = resp.ReadEncodedValue();
            EnsureEnd(resp);
            return token;
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException($"{source} is not a DER-encoded RFC 3161 TimeStampResp: {e.Message}", e);
        }
    }

    /// <summary>
    /// Rfc3161TimestampToken.TryDecode already checks the CMS signature and the ESS certificate binding but only answers
    /// true or false; an auditor looking at a rejected file needs to know which of those failed.
    /// </summary>
    private static string DiagnoseToken(ReadOnlyMemory<byte> token)
    {
        var cms = new SignedCms();
        try
        {
            cms.Decode(token.Span);
        }
        catch (CryptographicException e)
        {
            return $"it is not a CMS SignedData ({e.Message})";
        }

        if (cms.ContentInfo.ContentType.Value != TstInfoContentType)
            return $"its content type is {cms.ContentInfo.ContentType.Value}, not id-ct-TSTInfo ({TstInfoContentType})";
        if (cms.SignerInfos.Count != 1)
            return $"it has {cms.SignerInfos.Count} signers instead of exactly one";
        var signer = cms.SignerInfos[0];
        var hasEssAttribute = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .Any(a => a.Oid.Value is SigningCertificateOid or SigningCertificateV2Oid);
        if (!hasEssAttribute)
            return "its signer lacks the ESS signing-certificate(-v2) signed attribute that binds the TSA certificate (RFC 3161 2.4.1, RFC 5816)";
        if (signer.Certificate is null)
            return "it does not include the TSA certificate";
        var eku = signer.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.Critical || eku.EnhancedKeyUsages.Count != 1 || eku.EnhancedKeyUsages[0].Value != TimeStampingEku)
            return $"its signer certificate ({signer.Certificate.Subject}) does not have id-kp-timeStamping as its only, critical, extended key usage (RFC 3161 2.3)";
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException e)
        {
            return $"its CMS signature is invalid ({e.Message.TrimEnd('.')})";
        }

        return "its TSTInfo is malformed, or its TSA certificate does not match its ESS signing-certificate attribute";
    }

    private static void EnsureEnd(AsnReader reader)
    {
        if (reader.HasData)
            throw new AsnContentException("Unexpected data after the end of an ASN.1 structure.");
    }

    private static readonly string[] StatusNames =
        ["granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"];

    private static string StatusName(BigInteger status) =>
        status >= 0 && status < StatusNames.Length ? $"{StatusNames[(int)status]} ({status})" : $"unknown ({status})";

    private static List<string> FailureNames(BitArray? failInfo)
    {
        var names = new List<string>();
        if (failInfo is null) return names;
        for (var bit = 0; bit < failInfo.Length; bit++)
        {
            if (!failInfo[bit]) continue;
            names.Add(bit switch
            {
                0 => "badAlg",
                2 => "badRequest",
                5 => "badDataFormat",
                14 => "timeNotAvailable",
                15 => "unacceptedPolicy",
                16 => "unacceptedExtension",
                17 => "addInfoNotAvailable",
                25 => "systemFailure",
                _ => $"bit {bit}",
            });
        }

        return names;
    }
}
