using System.Net;
using System.Text.RegularExpressions;

namespace PolicyArchiver.Capture;

/// <summary>
/// Recognises pages that stand between us and the document: bot challenges, captchas and login
/// walls. Such a capture is a <c>blocked</c> observation, never a version of the policy.
/// </summary>
public static partial class BlockDetector
{
    /// <summary>Markers that only a challenge page carries, whatever else is on it.</summary>
    private static readonly (string Marker, string Vendor)[] Challenges =
    [
        ("/cdn-cgi/challenge-platform/", "Cloudflare challenge"),
        ("cf-browser-verification", "Cloudflare challenge"),
        ("window._cf_chl_opt", "Cloudflare challenge"),
        ("<title>Just a moment...</title>", "Cloudflare challenge"),
        ("<title>Attention Required! | Cloudflare</title>", "Cloudflare block"),
        ("id=\"challenge-running\"", "Cloudflare challenge"),
        ("ddos-guard.net/", "DDoS-Guard check"),
        ("<title>DDoS-Guard</title>", "DDoS-Guard check"),
        ("__qrator", "Qrator check"),
        ("/_Incapsula_Resource", "Imperva/Incapsula check"),
        ("Incapsula incident ID", "Imperva/Incapsula block"),
        ("captcha-delivery.com", "DataDome captcha"),
        ("px-captcha", "PerimeterX captcha"),
        ("/showcaptcha", "Yandex SmartCaptcha"),
        ("smartcaptcha", "Yandex SmartCaptcha"),
        ("servicepipe.ru", "Servicepipe check"),
        ("Подтвердите, что запросы отправляли вы, а не робот", "Yandex captcha"),
        ("Checking your browser before accessing", "browser check"),
        ("Checking if the site connection is secure", "Cloudflare challenge"),
    ];

    /// <summary>Markers that also appear on ordinary pages (a contact form with reCAPTCHA): they count only on a page with little text.</summary>
    private static readonly (string Marker, string Vendor)[] Captchas =
    [
        ("class=\"g-recaptcha\"", "reCAPTCHA"),
        ("google.com/recaptcha", "reCAPTCHA"),
        ("class=\"h-captcha\"", "hCaptcha"),
        ("hcaptcha.com", "hCaptcha"),
        ("cf-turnstile", "Cloudflare Turnstile"),
        ("вы не робот", "captcha"),
        ("I'm not a robot", "captcha"),
        ("I am not a robot", "captcha"),
        ("Access Denied", "access denied page"),
        ("Доступ запрещ", "access denied page"),
    ];

    [GeneratedRegex(@"/(login|signin|sign-in|auth|sso|account/login|oauth)(/|$|\?)", RegexOptions.IgnoreCase)]
    private static partial Regex LoginPath();

    [GeneratedRegex("""<input[^>]+type\s*=\s*["']?password""", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInput();

    /// <summary>Below this many characters of text a page is not a policy document.</summary>
    public const int ShortPage = 1500;

    /// <returns>Why the page is blocked, or null when it is not.</returns>
    public static string? Detect(IReadOnlyDictionary<string, string> headers, string html, Uri requested, Uri? final, int textLength)
    {
        if (headers.TryGetValue("cf-mitigated", out var cf) && cf.Contains("challenge", StringComparison.OrdinalIgnoreCase))
            return "Cloudflare challenge (cf-mitigated header)";
        foreach (var (marker, vendor) in Challenges)
            if (html.Contains(marker, StringComparison.OrdinalIgnoreCase)) return $"{vendor} ({marker})";

        var shortPage = textLength < ShortPage;
        if (shortPage)
            foreach (var (marker, vendor) in Captchas)
                if (html.Contains(marker, StringComparison.OrdinalIgnoreCase)) return $"{vendor} ({marker})";

        var redirectedToLogin = final is not null && LoginPath().IsMatch(final.AbsolutePath) && !LoginPath().IsMatch(requested.AbsolutePath);
        if (redirectedToLogin) return $"login wall (redirected to {final})";
        if (shortPage && PasswordInput().IsMatch(html)) return "login wall (password form)";
        return null;
    }

    public static bool IsChallengeStatus(int status) =>
        status is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.TooManyRequests or 401;
}
