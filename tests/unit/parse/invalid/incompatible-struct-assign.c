// 6:7: error: incompatible types when assigning to type 'int' from type 'struct S'
struct S { int a; };
int main(void) {
  struct S s;
  int x;
  x = s;
  return x;
}
