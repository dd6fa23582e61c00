using System.Diagnostics;
using System.Runtime.InteropServices;

namespace PolicyArchiver.Tests.Support;

/// <summary>Stops a process the way systemd or Docker do, with SIGTERM (Process.Kill only sends SIGKILL).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public static void Terminate(Process process)
    {
        if (kill(process.Id, SigTerm) != 0 && !process.HasExited)
            throw new InvalidOperationException($"SIGTERM to {process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
