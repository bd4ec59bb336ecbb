/* A stand-in for Windows' bcryptprimitives.dll, for running thidua.exe under Wine 8 only.
 *
 * Rust's standard library asks this DLL for random bytes (ProcessPrng, Windows 10 and later);
 * Wine 8 does not have it, so every Rust program exits at once with code 53. Real Windows has
 * the DLL and never loads this one: it is built by .ci/windows next to the .exe under test and
 * is never shipped. The bytes come from advapi32's RtlGenRandom (SystemFunction036), which
 * Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
