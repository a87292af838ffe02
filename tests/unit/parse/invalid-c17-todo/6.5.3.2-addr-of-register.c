// 4:3: error: address of register variable 'r' requested
void f(void)
{
  register int r = 0;
  int *p = &r;
}
