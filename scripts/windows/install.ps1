<#
.SYNOPSIS
Installs a VR career station on Windows 10/11 from this checkout (or an unpacked release).

.DESCRIPTION
1. Python 3.11: the one found by the py launcher, else installed with winget
   (Python.Python.3.11), else from python.org's official installer (per user, no admin rights).
2. A virtual environment (.venv in the checkout) with the dependencies of
   requirements\station.txt, installed with --require-hashes: the same lock the Linux stations
   use, so every station runs the versions the tests ran against. All are wheels but srt (pure
   Python, built without a compiler); tests/scripts/test_station_lock.py checks that on PyPI.
3. The station itself (without dependencies: the lock has them all).
4. The Vosk speech models for the station's languages (vr-station models fetch).
5. A desktop shortcut "VR-Berufe-Station" and the autostart task at logon
   (vr-station service install where that command exists; otherwise a scheduled task here).

Run it again to update: each step checks what is there first.

.EXAMPLE
powershell -ExecutionPolicy Bypass -File scripts\windows\install.ps1
#>
[CmdletBinding()]
param(
    # Languages whose speech models are fetched (German and English by default).
    [string[]] $Languages = @('de', 'en'),
    # Skip the desktop shortcut and the autostart task (a developer's PC).
    [switch] $NoAutostart
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$PythonVersion = '3.11.9'
$Repo = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$Venv = Join-Path $Repo '.venv'
$Lock = Join-Path $Repo 'requirements\station.txt'
$TaskName = 'VR career station'

function Write-Step([string] $Text) { Write-Host "install: $Text" }

function Invoke-Checked([string] $Exe, [string[]] $Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "install: '$Exe $($Arguments -join ' ')' failed (exit $LASTEXITCODE)" }
}

function Find-Python {
    # The py launcher comes with every python.org and winget install.
    $launcher = Get-Command py -ErrorAction SilentlyContinue
    if ($launcher) {
        $exe = & py -3.11 -c 'import sys; print(sys.executable)' 2>$null
        if ($LASTEXITCODE -eq 0 -and $exe) { return $exe.Trim() }
    }
    return $null
}

function Install-Python {
    $winget = Get-Command winget -ErrorAction SilentlyContinue
    if ($winget) {
        Write-Step 'installing Python 3.11 with winget'
        & winget install --exact --id Python.Python.3.11 --scope user --silent `
            --accept-package-agreements --accept-source-agreements
        if ($LASTEXITCODE -eq 0) { return }
        Write-Step "winget failed (exit $LASTEXITCODE); using python.org's installer"
    }
    $url = "https://www.python.org/ftp/python/$PythonVersion/python-$PythonVersion-amd64.exe"
    $installer = Join-Path $env:TEMP "python-$PythonVersion-amd64.exe"
    Write-Step "downloading $url"
    Invoke-WebRequest -Uri $url -OutFile $installer -UseBasicParsing
    # python.org publishes no SHA-256 for its installers; they are Authenticode-signed by the PSF.
    $signature = Get-AuthenticodeSignature $installer
    if ($signature.Status -ne 'Valid' -or $signature.SignerCertificate.Subject -notmatch 'Python Software Foundation') {
        throw "install: $installer is not signed by the Python Software Foundation ($($signature.Status))"
    }
    $process = Start-Process -FilePath $installer -Wait -PassThru -ArgumentList @(
        '/quiet', 'InstallAllUsers=0', 'PrependPath=1', 'Include_launcher=1', 'Include_test=0')
    if ($process.ExitCode -ne 0) { throw "install: the Python installer failed (exit $($process.ExitCode))" }
}

# 1. Python
$python = Find-Python
if (-not $python) {
    Install-Python
    # The installers add the launcher to PATH for new processes only.
    $env:Path = [Environment]::GetEnvironmentVariable('Path', 'User') + ';' + [Environment]::GetEnvironmentVariable('Path', 'Machine')
    $python = Find-Python
    if (-not $python) { throw 'install: Python 3.11 is still not found after installing it; open a new PowerShell and run this again' }
}
Write-Step "Python: $python"

# 2. Virtual environment and the locked dependencies
$venvPython = Join-Path $Venv 'Scripts\python.exe'
if (-not (Test-Path $venvPython)) {
    Write-Step "creating $Venv"
    Invoke-Checked $python @('-m', 'venv', $Venv)
}
Invoke-Checked $venvPython @('-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', 'pip')
Write-Step "installing the locked dependencies ($Lock)"
Invoke-Checked $venvPython @('-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
    '--require-hashes', '-r', $Lock)

# 3. The station
Write-Step 'installing the station'
Invoke-Checked $venvPython @('-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '-e', $Repo)
$station = Join-Path $Venv 'Scripts\vr-station.exe'

# 4. Speech models (a model already installed is kept)
foreach ($language in $Languages) {
    & $station models verify $language *> $null
    if ($LASTEXITCODE -ne 0) {
        Write-Step "fetching the speech model for '$language'"
        Invoke-Checked $station @('models', 'fetch', $language)
    }
}

if ($NoAutostart) {
    Write-Step "done. Start the station with: $station run"
    exit 0
}

# 5. Desktop shortcut and autostart
$desktop = [Environment]::GetFolderPath('Desktop')
$shell = New-Object -ComObject WScript.Shell
$shortcut = $shell.CreateShortcut((Join-Path $desktop 'VR-Berufe-Station.lnk'))
$shortcut.TargetPath = $station
$shortcut.Arguments = 'run'
$shortcut.WorkingDirectory = $Repo
$shortcut.Description = 'VR career station'
$shortcut.Save()
Write-Step "desktop shortcut: $(Join-Path $desktop 'VR-Berufe-Station.lnk')"

& $station service --help *> $null
if ($LASTEXITCODE -eq 0) {
    # The station's own service command knows its restart policy and logs (issue 18).
    Invoke-Checked $station @('service', 'install')
} else {
    # Until that command exists: start at logon, restart after a crash (3 times, a minute apart).
    $action = New-ScheduledTaskAction -Execute $station -Argument 'run' -WorkingDirectory $Repo
    $trigger = New-ScheduledTaskTrigger -AtLogOn -User $env:USERNAME
    $settings = New-ScheduledTaskSettingsSet -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1) `
        -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings `
        -Description 'Starts the VR career station at logon' -Force | Out-Null
    Write-Step "autostart: scheduled task '$TaskName' at logon of $env:USERNAME"
}
Write-Step "done. Start the station now with: $station run"
