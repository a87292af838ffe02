/* tscc's crtend: linked last (before crtn.o), in place of gcc's crtend*.o.
 *
 * __FRAME_END__ is the zero-length entry that terminates .eh_frame for
 * unwinders that walk the section linearly; __TMC_END__ marks the end of the
 * transactional-memory clone table, which tscc links always empty, for
 * objects that refer to it.
 */

__attribute__((used, section(".eh_frame"), aligned(4)))
static const int __FRAME_END__[1] = { 0 };

__attribute__((visibility("hidden")))
void *const __TMC_END__[0] = {};
