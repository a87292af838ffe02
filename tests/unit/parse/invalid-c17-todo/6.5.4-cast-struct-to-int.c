// 4:3: error: aggregate value used where an integer was expected
struct S { int a; } s;
int f(void)
{
  return (int)s;
}
