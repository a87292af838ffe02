[[nodiscard]] static int answer(void) { return 42; }
constexpr int limit = 0b1010'1010;
enum small : unsigned char { A, B };
static_assert(sizeof(enum small) == 1);
int c23(void) {
  bool ok = true;
  int *p = nullptr;
  typeof_unqual(const int) x = limit;
  auto y = u8'a';
  [[maybe_unused]] char c = 0x7f;
  return ok && !p ? x + y + answer() : false;
}
