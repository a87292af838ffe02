// 2:3: error: parameter 'a' is initialized
int f(a)
  int a = 1;
{
  return a;
}
