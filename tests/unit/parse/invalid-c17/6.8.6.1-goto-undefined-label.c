// 3:3: error: label 'nowhere' used but not defined
void f(void)
{
  goto nowhere;
}
