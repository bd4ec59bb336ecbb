/* What a Windows program is told of changes under a folder: ReadDirectoryChangesW with the
 * subtree flag, as `thidua serve` asks through the notify crate. Prints "watching", then one
 * line per change ("3 sub\x.md": the action, then the name below the folder), for SECONDS.
 * tests/suite/windows.rs runs it under Wine to say whether live reload's misses there are
 * Wine's (it reports nothing for folders that existed before the watch began) or thidua's.
 * Usage: watch-probe.exe FOLDER SECONDS. Built by .ci/windows; never shipped. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

static HANDLE folder;

static DWORD WINAPI watch(LPVOID unused) {
  static char buf[65536];
  DWORD n;
  (void)unused;
  for (;;) {
    if (!ReadDirectoryChangesW(folder, buf, sizeof buf, TRUE,
                               FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME |
                                   FILE_NOTIFY_CHANGE_LAST_WRITE | FILE_NOTIFY_CHANGE_SIZE,
                               &n, NULL, NULL)) {
      printf("failed %lu\n", GetLastError());
      fflush(stdout);
      return 1;
    }
    FILE_NOTIFY_INFORMATION *fi = (FILE_NOTIFY_INFORMATION *)buf;
    for (;;) {
      char name[1024];
      int len = WideCharToMultiByte(CP_UTF8, 0, fi->FileName, fi->FileNameLength / 2, name,
                                    sizeof name - 1, NULL, NULL);
      name[len] = 0;
      printf("%lu %s\n", fi->Action, name);
      fflush(stdout);
      if (!fi->NextEntryOffset) break;
      fi = (FILE_NOTIFY_INFORMATION *)((char *)fi + fi->NextEntryOffset);
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  folder = CreateFileA(argv[1], FILE_LIST_DIRECTORY,
                       FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (folder == INVALID_HANDLE_VALUE) return 1;
  CreateThread(NULL, 0, watch, NULL, 0, NULL);
  Sleep(500);
  printf("watching\n");
  fflush(stdout);
  Sleep(1000 * atoi(argv[2]));
  ExitProcess(0);
}
