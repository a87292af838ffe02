/* tscc's crtbegin: linked first (after crti.o) into every program and shared
 * object that tscc links with its own linker, in place of gcc's crtbegin*.o.
 *
 * What a C program needs from it on Linux with glibc:
 *   - __dso_handle, the identity of this module for __cxa_atexit: glibc's
 *     atexit() (in libc_nonshared.a) registers handlers under it. It is null in
 *     an executable and points to itself in a shared object (TSCC_CRT_SHARED),
 *     so that dlclose() can run exactly that library's handlers;
 *   - in a shared object, a .fini_array entry that calls __cxa_finalize for
 *     this module when it is unloaded.
 * What it deliberately leaves out: transactional-memory clone registration
 * (-fgnu-tm), __register_frame_info (every tscc link has .eh_frame_hdr, which
 * the unwinder finds through PT_GNU_EH_FRAME), and .ctors/.dtors (tscc and
 * modern gcc emit .init_array/.fini_array, which the C library runs itself).
 */

#ifdef TSCC_CRT_SHARED
void *__dso_handle __attribute__((visibility("hidden"))) = &__dso_handle;

extern void __cxa_finalize(void *dso) __attribute__((weak));

static void finalize_this_module(void) {
  static _Bool done;
  if (done) return;
  done = 1;
  if (__cxa_finalize) __cxa_finalize(__dso_handle);
}

static void (*const finalize_entry)(void) __attribute__((used, section(".fini_array"))) = finalize_this_module;
#else
void *__dso_handle __attribute__((visibility("hidden"))) = 0;
#endif
