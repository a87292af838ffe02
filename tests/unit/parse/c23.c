
constexpr int N = 4;
static_assert(N == 4);
[[nodiscard]] int f(int x [[maybe_unused]]) { return x; }
enum E : unsigned char { A = 1, B = 0b1010'1010 };
typeof_unqual(const int) g = 1'000'000;
bool t = true, fl = false;
int *np = nullptr;
unsigned char u8c = u8'a';
alignas(16) int al;
int arr[N];
auto inferred = 3.5;
[[deprecated("x")]] void old(void);
int main(void) {
  [[maybe_unused]] int y = 0;
  static_assert(sizeof(enum E) == 1, "typed enum");
  typeof(y) z = y;
  thread_local static int tl;
  alignof(int);
  return z + arr[0] + tl;
}
